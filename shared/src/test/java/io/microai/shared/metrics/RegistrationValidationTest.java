package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationValidationTest {

    @Test
    void sameFamilyNameTwiceThrows() {
        Metrics metrics = new Metrics();
        metrics.counter("dup_total", "First");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.counter("dup_total", "Second"));
        assertTrue(e.getMessage().contains("dup_total"), e.getMessage());
    }

    @Test
    void sameNameAcrossTypesThrows() {
        Metrics metrics = new Metrics();
        metrics.gauge("thing", "A gauge");
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("thing", "A histogram", Buckets.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> metrics.gaugeCallback("thing", "A callback", () -> 1));
    }

    @Test
    void bookkeepingFamilyNamesAreTaken() {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("metrics_label_overflow_total", "Mine", "family"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("metrics_collect_errors_total", "Mine", "family"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc_total", "has-dash_total", "has space_total", "caf\u00e9_total", "a.b_total", "x:y_total"})
    void invalidMetricNamesThrow(String name) {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.counter(name, "help"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "has-dash", "__reserved", "le", "quantile", "a b"})
    void invalidLabelNamesThrow(String label) {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("ok_total", "help", label));
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("ok_gauge", "help", label));
    }

    @Test
    void missingHelpThrows() {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("no_help", ""));
        assertThrows(IllegalArgumentException.class, () -> metrics.gauge("no_help2", "   "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"requests", "requests_count", "requests_totals", "total"})
    void counterNamesWithoutTotalThrow(String name) {
        Metrics metrics = new Metrics();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.counter(name, "help"));
        assertTrue(e.getMessage().contains("_total"), e.getMessage());
    }

    @Test
    void counterNamedOnlyTotalIsRefusedAtRegistration() {
        // "_total" passes the name pattern and the suffix check, but its Prometheus family name is
        // empty, so client_java rejects the snapshot and every later scrape of the registry fails.
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("_total", "help"));
    }

    @Test
    void counterAndGaugeWithTheSamePrometheusNameAreRefusedOrStillScrape() {
        // A counter "foo_total" is the Prometheus family "foo". A gauge "foo" next to it passes the
        // family-name check (the names differ), and then client_java throws "conflicting metric
        // types" on every scrape: one bad registration takes down the whole /metrics endpoint.
        Metrics metrics = new Metrics();
        metrics.counter("foo_total", "A counter").labels().inc();
        GaugeFamily gauge;
        try {
            gauge = metrics.gauge("foo", "A gauge");
        } catch (IllegalArgumentException refused) {
            return; // refused at registration: the intended behaviour
        }
        gauge.labels().inc();
        assertDoesNotThrow(() -> Scrapes.text(metrics), "registration accepted a clash that now fails every scrape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"increasing-with-duplicate", "decreasing", "zero", "negative", "infinite", "nan", "empty"})
    void badBucketsThrow(String kind) {
        double[] buckets = switch (kind) {
            case "increasing-with-duplicate" -> new double[] {0.1, 0.5, 0.5, 1};
            case "decreasing" -> new double[] {1, 0.5};
            case "zero" -> new double[] {0, 1};
            case "negative" -> new double[] {-1, 1};
            case "infinite" -> new double[] {1, Double.POSITIVE_INFINITY};
            case "nan" -> new double[] {Double.NaN};
            case "empty" -> new double[0];
            default -> throw new AssertionError(kind);
        };
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("bad_seconds", "help", buckets));
    }

    @Test
    void bucketArrayIsCopiedSoCallerMutationCannotCorruptTheFamily() {
        Metrics metrics = new Metrics();
        double[] buckets = {0.1, 1};
        HistogramFamily family = metrics.histogram("copied_seconds", "help", buckets);
        buckets[0] = 5;
        assertTrue(family.labels().boundsSeconds()[0] == 0.1);
    }

    @Test
    void failedRegistrationDoesNotReserveTheName() {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("later_seconds", "help", new double[] {2, 1}));
        assertDoesNotThrow(() -> metrics.histogram("later_seconds", "help", new double[] {1, 2}));
    }

    @Test
    void maxChildrenMustBePositive() {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("zero_cap_total", "help", 0, "k"));
    }
}
