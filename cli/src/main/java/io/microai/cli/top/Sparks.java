package io.microai.cli.top;

import io.microai.shared.scrape.StackFigures;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The last {@code capacity} values of each {@link Spark} figure, one per refresh (each computed over
 * the last refresh interval, so a spike shows up as a spike rather than being smeared over the rate
 * window). A ring per figure; pushing is O(figures), reading copies. Not thread-safe.
 */
final class Sparks {
    private final int capacity;
    private final Map<Spark, double[]> rings = new EnumMap<>(Spark.class);
    private int size;
    private int next;

    Sparks(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        for (Spark s : Spark.values()) {
            double[] ring = new double[capacity];
            Arrays.fill(ring, Double.NaN);
            rings.put(s, ring);
        }
    }

    void push(StackFigures perInterval) {
        for (Spark s : Spark.values()) {
            rings.get(s)[next] = s.of(perInterval);
        }
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Oldest first; as many values as were pushed (at most the capacity). */
    double[] values(Spark s) {
        double[] ring = rings.get(s);
        double[] out = new double[size];
        int start = (next - size + capacity) % capacity;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % capacity];
        }
        return out;
    }

    Map<Spark, double[]> snapshot() {
        Map<Spark, double[]> out = new EnumMap<>(Spark.class);
        for (Spark s : Spark.values()) {
            out.put(s, values(s));
        }
        return out;
    }
}
