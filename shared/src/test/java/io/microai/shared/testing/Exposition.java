package io.microai.shared.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sample values out of a Prometheus text exposition, for exact delta assertions in tests. */
public final class Exposition {
    private Exposition() {
    }

    /**
     * The value of the sample whose name and labels are exactly {@code series} as written, e.g.
     * {@code verifier_requests_total{status="200"}}; 0 when the series is absent (a counter not yet
     * touched).
     */
    public static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
