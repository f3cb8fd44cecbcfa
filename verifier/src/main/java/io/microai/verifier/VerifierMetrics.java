package io.microai.verifier;

import io.microai.shared.api.VerifierFamilies;
import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.CounterFamily;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.verify.RefusalCode;

/**
 * The verifier's four families; their names, types and labels are a public contract that dashboards
 * and queries rely on. Both verification routes count into them unlabelled by route: the series stay
 * the closed status and reason sets, and the totals keep meaning "verifications answered".
 */
final class VerifierMetrics {
    /** 50 µs to 50 ms: a recovery takes a fraction of a millisecond, a slow one a few. */
    static final double[] DURATION_BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05};

    private final CounterFamily requests;
    private final BucketedHistogram duration;
    private final CounterFamily.Child valid;
    private final CounterFamily invalid;

    VerifierMetrics(Metrics metrics) {
        requests = metrics.counter(VerifierFamilies.REQUESTS,
                "Verification requests answered on POST /verify and POST /verify/authorization, by HTTP status", "status");
        duration = metrics.histogram(VerifierFamilies.REQUEST_DURATION,
                "Time to answer POST /verify or POST /verify/authorization, from request start to response, in seconds", DURATION_BUCKETS).labels();
        valid = metrics.counter(VerifierFamilies.SIGNATURE_VALID,
                "Verification requests whose signature recovered to an address").labels();
        invalid = metrics.counter(VerifierFamilies.SIGNATURE_INVALID,
                "Verification requests refused, by reason code", "reason");
        // Every outcome exists from the start at zero, so rate() and dashboards see the series before
        // the first refusal, and a restart reads as a reset rather than a new series.
        for (RefusalCode code : RefusalCode.values()) {
            invalid.labels(code.code());
            requests.labels(statusLabel(code.status()));
        }
        requests.labels(statusLabel(200));
    }

    /**
     * @param startNanos     the {@link System#nanoTime()} reading at request start; the end is read here
     * @param correlationId  becomes the duration's exemplar (null: none)
     */
    void recordValid(int status, long startNanos, String correlationId) {
        valid.inc();
        finish(status, startNanos, correlationId);
    }

    void recordInvalid(RefusalCode code, long startNanos, String correlationId) {
        invalid.labels(code.code()).inc();
        finish(code.status(), startNanos, correlationId);
    }

    private void finish(int status, long startNanos, String correlationId) {
        long end = System.nanoTime();
        requests.labels(statusLabel(status)).inc();
        duration.observeBetween(startNanos, end, correlationId);
    }

    private static String statusLabel(int status) {
        return switch (status) {
            case 200 -> "200";
            case 400 -> "400";
            case 413 -> "413";
            default -> Integer.toString(status);
        };
    }
}
