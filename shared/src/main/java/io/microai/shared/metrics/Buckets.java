package io.microai.shared.metrics;

/** Bucket layouts (upper bounds in seconds) and their validation. */
public final class Buckets {
    /** Prometheus' default buckets, the same as client_golang's DefBuckets. */
    public static final double[] DEFAULT = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};

    private Buckets() {
    }

    static double[] validated(double[] bounds) {
        if (bounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one finite bucket");
        }
        double previous = 0;
        for (double bound : bounds) {
            if (!(bound > previous) || Double.isInfinite(bound)) {
                throw new IllegalArgumentException("bucket bounds must be finite, positive and strictly increasing");
            }
            previous = bound;
        }
        return bounds.clone();
    }
}
