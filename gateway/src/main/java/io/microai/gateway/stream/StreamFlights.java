package io.microai.gateway.stream;

import io.microai.gateway.ai.AiProviderException;
import io.microai.gateway.ai.ProviderCall;
import io.microai.gateway.cache.CacheKey;
import io.microai.gateway.cache.ResponseCache;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The provider calls of streams in flight, one per summary while the cache is on: an identical request that
 * arrives while a call runs joins it instead of calling the provider again. Each call runs on a thread of its
 * own, which lives exactly as long as the call, so no reader's pace (its socket, its worker) ever holds the
 * provider; a completed call's text goes into the response cache, a stopped or failed one nowhere.
 */
public final class StreamFlights implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamFlights.class.getName());

    private final ResponseCache cache;
    private final ProviderCall provider;
    private final long maxBytes;
    private final Map<CacheKey, StreamFlight> flights = new ConcurrentHashMap<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong started = new AtomicLong();
    private volatile boolean closed;

    /** @param maxBytes the provider's output cap ({@code AI_MAX_RESPONSE_BYTES}), which bounds each flight's chunks */
    public StreamFlights(ResponseCache cache, ProviderCall provider, long maxBytes) {
        this.cache = cache;
        this.provider = provider;
        this.maxBytes = maxBytes;
    }

    /** A reader of the call for {@code key}, and whether it joined a call already running (a hit) or started one. */
    record Opened(ChunkFeed feed, boolean joined) {
    }

    Opened open(CacheKey key, String text, String correlationId) {
        if (!cache.isEnabled()) {
            // Without the cache no answer is shared between requests: each stream has a call of its own.
            StreamFlight own = new StreamFlight(maxBytes);
            own.join();
            start(null, own, text, correlationId);
            return new Opened(own.reader(), false);
        }
        StreamFlight[] created = new StreamFlight[1];
        StreamFlight flight = flights.compute(key, (k, existing) -> {
            if (existing != null && existing.join()) {
                return existing;
            }
            StreamFlight fresh = new StreamFlight(maxBytes);
            fresh.join();
            created[0] = fresh;
            return fresh;
        });
        if (created[0] != null) {
            start(key, flight, text, correlationId);
        }
        return new Opened(flight.reader(), created[0] == null);
    }

    private void start(CacheKey key, StreamFlight flight, String text, String correlationId) {
        Thread thread = new Thread(() -> run(key, flight, text, correlationId), "stream-flight-" + started.incrementAndGet());
        thread.setDaemon(true);
        running.add(thread);
        if (closed) {
            flight.fail(new AiProviderException(AiProviderException.Kind.UNAVAILABLE, "the gateway is shutting down"));
            running.remove(thread);
            forget(key, flight);
            return;
        }
        thread.start();
    }

    private void run(CacheKey key, StreamFlight flight, String text, String correlationId) {
        try {
            provider.stream(text, correlationId, flight);
            String whole = flight.complete();
            if (whole != null && key != null) {
                cache.putCompleted(key, whole);
            }
        } catch (AiProviderException e) {
            flight.fail(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[cid=" + correlationId + "] the AI provider's stream failed unexpectedly", e);
            flight.fail(new AiProviderException(AiProviderException.Kind.BAD_RESPONSE, "the AI provider failed unexpectedly", e));
        } finally {
            forget(key, flight);
            running.remove(Thread.currentThread());
        }
    }

    /** Removes a finished call, so the next identical request is served by the cache or starts afresh. */
    private void forget(CacheKey key, StreamFlight flight) {
        if (key != null) {
            flights.remove(key, flight);
        }
    }

    /** Provider calls running now (for tests and shutdown). */
    public int running() {
        return running.size();
    }

    /** Interrupts the calls still running; called once the listener stopped taking requests. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : running) {
            t.interrupt();
        }
    }
}
