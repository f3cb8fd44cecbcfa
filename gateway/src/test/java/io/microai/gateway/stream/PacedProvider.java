package io.microai.gateway.stream;

import io.microai.gateway.ai.AiProvider;
import io.microai.gateway.ai.AiProviderException;
import io.microai.gateway.ai.ChunkSink;
import io.microai.gateway.ai.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in AI provider that streams a fixed script of chunks, each only when the test releases it, so a test
 * decides what the provider has produced at every moment. It records its calls, whether its sink told it to stop,
 * and when it finished. A script entry {@link #FAIL} makes it fail there instead.
 */
final class PacedProvider implements AiProvider {
    static final String FAIL = "\u0000fail";
    /** A guard against a test that never releases: the call then fails rather than hanging the build. */
    private static final long GUARD_SECONDS = 30;

    private final List<String> script;
    private final Semaphore permits = new Semaphore(0);
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final CountDownLatch stopped = new CountDownLatch(1);
    final CountDownLatch finished = new CountDownLatch(1);

    PacedProvider(List<String> script) {
        this.script = List.copyOf(script);
    }

    /** Lets the provider produce {@code n} more chunks. */
    void release(int n) {
        permits.release(n);
    }

    /** Lets it produce everything left. */
    void releaseAll() {
        permits.release(script.size() + 1);
    }

    String text() {
        return String.join("", script);
    }

    @Override
    public String summarize(String text, String correlationId) {
        calls.incrementAndGet();
        return text();
    }

    @Override
    public void stream(String text, String correlationId, ChunkSink sink) throws AiProviderException {
        calls.incrementAndGet();
        try {
            for (String chunk : script) {
                if (!permits.tryAcquire(GUARD_SECONDS, TimeUnit.SECONDS)) {
                    throw new AiProviderException(AiProviderException.Kind.TIMEOUT, "the test never released the next chunk");
                }
                if (FAIL.equals(chunk)) {
                    throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, "the stand-in lost its upstream");
                }
                if (!sink.accept(chunk)) {
                    stopped.countDown();
                    return;
                }
                accepted.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, "interrupted", e);
        } finally {
            finished.countDown();
        }
    }

    @Override
    public String name() {
        return "paced";
    }

    @Override
    public String model() {
        return "paced-v1";
    }

    @Override
    public Readiness checkReady(Duration timeout) {
        return Readiness.ok();
    }
}
