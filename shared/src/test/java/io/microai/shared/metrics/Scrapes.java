package io.microai.shared.metrics;

import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Exposition;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Metrics} registry the way the scrape handler does, and serves it for HTTP tests. */
final class Scrapes {
    private Scrapes() {
    }

    /** The Prometheus text 0.0.4 exposition of a full scrape. */
    static String text(Metrics metrics) {
        return Exposition.text(metrics);
    }

    /** The OpenMetrics 1.0 exposition of a full scrape. */
    static String openMetrics(Metrics metrics) {
        return Exposition.openMetrics(metrics);
    }

    /** A real Undertow on a free loopback port serving {@link MetricsHandler} at every path. */
    static HttpService serve(Metrics metrics) {
        return HttpService.start("127.0.0.1", 0, new MetricsHandler(metrics.prometheus()));
    }

    static String url(HttpService service, String pathAndQuery) {
        return "http://127.0.0.1:" + service.port() + pathAndQuery;
    }

    /** Sample lines (not comments) whose metric name is exactly {@code name}. */
    static List<String> samples(String exposition, String name) {
        List<String> out = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                out.add(line);
            }
        }
        return out;
    }

    /** The family names announced by {@code # TYPE} lines, in order. */
    static List<String> typedFamilies(String exposition) {
        List<String> out = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                out.add(line.split(" ")[2]);
            }
        }
        return out;
    }
}
