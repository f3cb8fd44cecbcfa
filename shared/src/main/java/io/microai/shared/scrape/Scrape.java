package io.microai.shared.scrape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One successful scrape of one target, immutable.
 *
 * <p>Two clocks on purpose: {@link #nanos()} is {@link System#nanoTime()} and is the only thing rates
 * divide by (wall clocks jump; a rate across an NTP step would be nonsense), {@link #epochMillis()}
 * is for display and JSON.
 */
public final class Scrape {
    private final String target;
    private final long nanos;
    private final long epochMillis;
    private final Map<String, List<Sample>> byName;
    private final Map<String, MetricType> types;
    private final int size;
    private final List<Exemplar> exemplars;

    public Scrape(String target, long nanos, long epochMillis, ParsedExposition parsed) {
        this.target = target;
        this.nanos = nanos;
        this.epochMillis = epochMillis;
        Map<String, List<Sample>> grouped = new LinkedHashMap<>();
        for (Sample s : parsed.samples()) {
            grouped.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        grouped.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Collections.unmodifiableMap(grouped);
        this.types = parsed.types();
        this.size = parsed.samples().size();
        this.exemplars = parsed.exemplars();
    }

    /** Parses {@code text} taken at the given instants; handy for tests and recorded expositions. */
    public static Scrape parse(String target, long nanos, long epochMillis, String text) throws ParseException {
        return new Scrape(target, nanos, epochMillis, TextFormatParser.parse(text));
    }

    public String target() {
        return target;
    }

    public long nanos() {
        return nanos;
    }

    public long epochMillis() {
        return epochMillis;
    }

    /** Samples named exactly {@code name} (e.g. {@code x_bucket}), in exposition order; empty if none. */
    public List<Sample> samples(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The exemplars of this scrape (OpenMetrics only), in exposition order. */
    public List<Exemplar> exemplars() {
        return exemplars;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public int size() {
        return size;
    }

    /**
     * The declared type of the family a sample name belongs to: tries the name itself (0.0.4 counters
     * are typed as {@code x_total}), then strips {@code _total}, {@code _bucket}, {@code _sum},
     * {@code _count}, {@code _created}, {@code _info} (OpenMetrics types the family {@code x}).
     */
    public MetricType typeOf(String sampleName) {
        MetricType t = types.get(sampleName);
        if (t != null) {
            return t;
        }
        for (String suffix : new String[] {"_total", "_bucket", "_sum", "_count", "_created", "_info"}) {
            if (sampleName.endsWith(suffix)) {
                t = types.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (t != null) {
                    return t;
                }
            }
        }
        return MetricType.UNTYPED;
    }

    public Map<String, MetricType> types() {
        return types;
    }

    @Override
    public String toString() {
        return "Scrape[" + target + ", " + size + " samples, at " + epochMillis + "]";
    }
}
