package io.microai.shared.scrape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, ordered label set (order as written, so rendering round-trips).
 *
 * <p>Identity compares {@code le} and {@code quantile} numerically: client_java writes {@code 1} in
 * text 0.0.4 and {@code 1.0} in OpenMetrics, other clients write {@code 5.0E-4} where we write
 * {@code 0.0005}. Without this a bucket would look like a new series whenever a target or format
 * changes, and its rate would be garbage.
 */
public final class Labels {
    public static final Labels EMPTY = new Labels(new LinkedHashMap<>());

    private final Map<String, String> map;
    private final int hash;

    private Labels(LinkedHashMap<String, String> map) {
        this.map = Collections.unmodifiableMap(map);
        int h = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            // Sum of entry hashes: order-independent, like Map.hashCode, but over canonical values.
            h += e.getKey().hashCode() ^ canonicalHash(e.getKey(), e.getValue());
        }
        this.hash = h;
    }

    /** Pairs of name, value: {@code Labels.of("path", "/x", "status", "200")}. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Labels(m);
    }

    public static Labels of(Map<String, String> map) {
        return map.isEmpty() ? EMPTY : new Labels(new LinkedHashMap<>(map));
    }

    /** Takes ownership of a map the parser just built, skipping a copy per sample. */
    static Labels adopt(LinkedHashMap<String, String> map) {
        return map.isEmpty() ? EMPTY : new Labels(map);
    }

    public String get(String name) {
        return map.get(name);
    }

    public boolean has(String name) {
        return map.containsKey(name);
    }

    public Map<String, String> asMap() {
        return map;
    }

    public Set<String> names() {
        return map.keySet();
    }

    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** The {@code le} bound as a number; NaN when absent or not a float. */
    public double le() {
        String v = map.get("le");
        return v == null ? Double.NaN : PromFloat.tryParse(v);
    }

    /** Only the named labels, in the order given (PromQL {@code by (…)}); absent names are skipped. */
    public Labels only(String... names) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            String v = map.get(n);
            if (v != null) {
                m.put(n, v);
            }
        }
        return adopt(m);
    }

    /** All labels but the named ones (PromQL {@code without (…)}). */
    public Labels without(String... names) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>(map);
        for (String n : names) {
            m.remove(n);
        }
        return adopt(m);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Labels other) || other.hash != hash || other.map.size() != map.size()) {
            return false;
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            String theirs = other.map.get(e.getKey());
            if (theirs == null || !sameValue(e.getKey(), e.getValue(), theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Exposition syntax, {@code {a="x",b="y\"z"}}; {@code {}} when empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(e.getKey()).append("=\"");
            for (char c : e.getValue().toCharArray()) {
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '"' -> sb.append("\\\"");
                    case '\n' -> sb.append("\\n");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    private static boolean isNumericLabel(String name) {
        return name.equals("le") || name.equals("quantile");
    }

    private static boolean sameValue(String name, String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (!isNumericLabel(name)) {
            return false;
        }
        double x = PromFloat.tryParse(a);
        double y = PromFloat.tryParse(b);
        return !Double.isNaN(x) && x == y;
    }

    private static int canonicalHash(String name, String value) {
        if (isNumericLabel(name)) {
            double v = PromFloat.tryParse(value);
            if (!Double.isNaN(v)) {
                return Double.hashCode(v == 0.0 ? 0.0 : v); // -0 and 0 are one bound
            }
        }
        return Objects.hashCode(value);
    }
}
