package io.microai.shared.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A PromQL-style instant selector: a sample name plus label matchers, e.g. the equivalent of
 * {@code gateway_verification_total{result="success"}}. Immutable; {@code where} returns a copy.
 */
public final class Selector {
    private final String name;
    private final List<Predicate<Labels>> matchers;
    private final String text;

    private Selector(String name, List<Predicate<Labels>> matchers, String text) {
        this.name = name;
        this.matchers = matchers;
        this.text = text;
    }

    public static Selector of(String sampleName) {
        return new Selector(sampleName, List.of(), sampleName);
    }

    /** {@code label="value"}; an absent label never equals a non-empty value (as in PromQL). */
    public Selector where(String label, String value) {
        return with(l -> value.equals(l.get(label) == null ? "" : l.get(label)), label + "=\"" + value + "\"");
    }

    /** A value prefix, e.g. {@code status} starting with {@code 5}: PromQL's {@code status=~"5.."}. */
    public Selector whereStartsWith(String label, String prefix) {
        return with(l -> l.get(label) != null && l.get(label).startsWith(prefix), label + "=~\"" + prefix + ".*\"");
    }

    /** Any other condition on the label set. */
    public Selector where(Predicate<Labels> matcher, String description) {
        return with(matcher, description);
    }

    private Selector with(Predicate<Labels> m, String description) {
        List<Predicate<Labels>> all = new ArrayList<>(matchers);
        all.add(m);
        String base = text.endsWith("}") ? text.substring(0, text.length() - 1) + "," : text + "{";
        return new Selector(name, List.copyOf(all), base + description + "}");
    }

    public String name() {
        return name;
    }

    public boolean matches(Sample s) {
        return s.name().equals(name) && matches(s.labels());
    }

    public boolean matches(Labels labels) {
        for (Predicate<Labels> m : matchers) {
            if (!m.test(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Matching samples of one scrape, in exposition order. */
    public List<Sample> select(Scrape scrape) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : scrape.samples(name)) {
            if (matches(s.labels())) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
