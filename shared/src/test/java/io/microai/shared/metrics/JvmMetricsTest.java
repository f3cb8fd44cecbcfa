package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Exposition;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

    @Test
    void withJvmMetricsExposesJvmAndProcessFamiliesAndPassesPromtool() throws Exception {
        Metrics metrics = Metrics.withJvmMetrics();
        metrics.counter("x_total", "Things that happened", "a").labels("b").inc();
        metrics.histogram("op_duration_seconds", "Operation latency", Buckets.DEFAULT).labels().observeNanos(1_000_000);
        try (HttpService service = Scrapes.serve(metrics)) {
            HttpResponse<String> r = Http.get(Scrapes.url(service, "/metrics"));
            assertEquals(200, r.statusCode());
            String body = r.body();
            List<String> families = Scrapes.typedFamilies(body);
            assertTrue(families.contains("jvm_memory_used_bytes"), families.toString());
            assertTrue(families.contains("process_cpu_seconds_total"), families.toString());
            assertTrue(families.contains("jvm_threads_current"), families.toString());
            assertTrue(body.contains("# TYPE process_cpu_seconds_total counter\n"));
            assertTrue(Exposition.value(body, "jvm_memory_used_bytes{area=\"heap\"}") > 0, body);
            assertTrue(families.contains("x_total"));
            assertEquals("", Promtool.checkMetrics(body));
        }
    }

    @Test
    void severalRegistriesInOneJvmEachGetJvmMetrics() {
        // Services and tests build more than one Metrics per JVM; JvmMetrics must not be a one-shot.
        String first = Scrapes.text(Metrics.withJvmMetrics());
        String second = Scrapes.text(Metrics.withJvmMetrics());
        assertTrue(first.contains("# TYPE jvm_memory_used_bytes gauge\n"));
        assertTrue(second.contains("# TYPE jvm_memory_used_bytes gauge\n"));
        assertTrue(second.contains("# TYPE process_cpu_seconds_total counter\n"));
    }

    @Test
    void plainMetricsHasNoJvmFamilies() {
        Metrics metrics = new Metrics();
        metrics.gauge("g", "A gauge").labels().inc();
        String text = Scrapes.text(metrics);
        assertFalse(text.contains("jvm_"), text);
        assertFalse(text.contains("process_"), text);
    }
}
