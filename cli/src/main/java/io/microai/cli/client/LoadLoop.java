package io.microai.cli.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** How a load run starts its flows: as fast as workers finish them (closed loop) or on a schedule (open loop). */
sealed interface LoadLoop {

    /** Flow {@code index}, latency counted from {@code startNanos}. */
    interface Flow {
        void run(long index, long startNanos);
    }

    /** Starts flows 0, 1, … until {@code target} have started or {@code System.nanoTime()} passes {@code deadline}; returns when all have ended. */
    void run(Flow flow, long target, long deadline) throws InterruptedException;

    /**
     * The run ends when its target or deadline is reached, not by a timeout, so the wait for the workers is
     * unbounded in practice.
     */
    private static void awaitAll(ExecutorService workers) throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /** {@code concurrency} workers, each starting its next flow when the last one ends. */
    record Closed(int concurrency) implements LoadLoop {
        @Override
        public void run(Flow flow, long target, long deadline) throws InterruptedException {
            ExecutorService workers = Executors.newFixedThreadPool(concurrency);
            AtomicLong issued = new AtomicLong();
            for (int w = 0; w < concurrency; w++) {
                workers.execute(() -> {
                    long i;
                    while (System.nanoTime() < deadline && (i = issued.getAndIncrement()) < target) {
                        flow.run(i, System.nanoTime());
                    }
                });
            }
            awaitAll(workers);
        }
    }

    /**
     * Starts flow i at t0 + i/rate; its latency counts from that planned start, so a slow server cannot hide its
     * queueing (no coordinated omission).
     */
    record Open(double rate, int concurrency) implements LoadLoop {
        /**
         * Flows that may wait for a worker, per worker, before the schedule itself blocks: enough to ride out a
         * slow patch without falling behind the schedule, few enough that a stalled gateway cannot make the
         * client queue flows without bound.
         */
        static final int QUEUED_PER_WORKER = 4;

        @Override
        public void run(Flow flow, long target, long deadline) throws InterruptedException {
            ExecutorService workers = Executors.newFixedThreadPool(concurrency);
            Semaphore inFlight = new Semaphore(concurrency * QUEUED_PER_WORKER);
            long t0 = System.nanoTime();
            double interval = TimeUnit.SECONDS.toNanos(1) / rate;
            for (long i = 0; i < target; i++) {
                long planned = t0 + (long) (i * interval);
                if (planned >= deadline) {
                    break;
                }
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                inFlight.acquire();
                long index = i;
                workers.execute(() -> {
                    try {
                        flow.run(index, planned);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            awaitAll(workers);
        }
    }
}
