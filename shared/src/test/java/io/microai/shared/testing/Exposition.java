package io.microai.shared.testing;

import io.microai.shared.metrics.Metrics;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a registry as the scrape handler would, and reads sample values back out, for exact assertions. */
public final class Exposition {
    private Exposition() {
    }

    /** The Prometheus text 0.0.4 exposition of a full scrape, without HTTP. */
    public static String text(Metrics metrics) {
        return render(PrometheusTextFormatWriter.create(), metrics);
    }

    /** The OpenMetrics 1.0 exposition of a full scrape, without HTTP. */
    public static String openMetrics(Metrics metrics) {
        return render(OpenMetricsTextFormatWriter.create(), metrics);
    }

    private static String render(ExpositionFormatWriter writer, Metrics metrics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, metrics.prometheus().scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
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
