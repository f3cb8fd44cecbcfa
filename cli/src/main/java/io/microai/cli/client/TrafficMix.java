package io.microai.cli.client;

import java.util.random.RandomGenerator;

/**
 * What the flows of a load run carry: a popular text (so the gateway's cache gets hits) or a unique one, and an
 * honest payment, an invalid signature or garbled payment headers, in the shares the options ask for.
 */
record TrafficMix(double repeatRatio, double invalidRatio, double garbledRatio) {
    private static final String[] HOT_TEXTS = {
        "Caching pays off when the same question comes back. The gateway still asks for payment on every hit. Receipts prove each payment.",
        "Prometheus scrapes every target on a schedule. Histograms keep buckets so quantiles can be computed later. Alerts fire on burn rates.",
        "A nonce is issued with each challenge. It can be paid exactly once. Replays are refused with a conflict.",
        "Rate limits keep one client from starving the rest. Buckets refill at a steady rate. Idle buckets are evicted.",
        "The verifier recovers the signer of a typed message. It keeps no state. The gateway decides what is valid.",
    };

    /** The text of flow {@code i}: popular texts take turns, so each is repeated and hits the cache. */
    String text(long i, RandomGenerator random) {
        return random.nextDouble() < repeatRatio ? HOT_TEXTS[(int) (i % HOT_TEXTS.length)]
                : "Flow " + i + " asks for a summary. It carries a unique sentence " + random.nextLong()
                + ". The cache cannot have seen it before.";
    }

    /** One draw decides between an invalid signature, garbled headers and an honest payment. */
    Tamper tamper(RandomGenerator random) {
        double dice = random.nextDouble();
        if (dice < invalidRatio) {
            return Tamper.malleated();
        }
        if (dice < invalidRatio + garbledRatio) {
            return Tamper.garbled(random.nextInt(Tamper.GARBLED_KINDS));
        }
        return Tamper.NONE;
    }
}
