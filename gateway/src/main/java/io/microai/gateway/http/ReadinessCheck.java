package io.microai.gateway.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code /readyz}'s answer, computed at most once per {@code ttl} and by one caller at a time. Each check calls
 * the verifier and the AI provider (with the operator's key), so an unauthenticated flood of probes must not
 * turn into a flood of upstream calls: every probe that arrives while a check runs shares its answer, and a
 * ready answer is reused for {@code ttl} after it completes (a not-ready one is checked again by the next probe,
 * still one check at a time).
 */
final class ReadinessCheck {
    /** The status code and the named checks of one check. */
    record Answer(int status, Map<String, Object> checks) {
    }

    private final Supplier<Answer> check;
    private final Duration ttl;
    private final Clock clock;
    private final Executor executor;
    private CompletableFuture<Answer> current;
    private Instant freshUntil = Instant.MIN;

    ReadinessCheck(Supplier<Answer> check, Duration ttl, Clock clock, Executor executor) {
        this.check = check;
        this.ttl = ttl;
        this.clock = clock;
        this.executor = executor;
    }

    /** The answer in progress or still fresh, or a new check started on the executor. */
    synchronized CompletableFuture<Answer> answer() {
        boolean running = current != null && !current.isDone();
        if (running || current != null && clock.instant().isBefore(freshUntil)) {
            return current;
        }
        CompletableFuture<Answer> started = CompletableFuture.supplyAsync(check, executor);
        current = started;
        started.whenComplete((answer, failure) -> completed(started, failure == null && answer.status() == 200));
        return started;
    }

    /** Only a ready answer is reused: a gateway coming back must be seen at the next probe, not a second later. */
    private synchronized void completed(CompletableFuture<Answer> finished, boolean ready) {
        if (finished == current) {
            freshUntil = ready ? clock.instant().plus(ttl) : Instant.MIN;
        }
    }
}
