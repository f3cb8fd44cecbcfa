package io.microai.shared.warmup;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One hot path to run before a service takes traffic. The body's result is kept by {@link Warmup}, so the
 * JIT cannot prove the work dead and skip it; a body must touch nothing a client or a scrape can see.
 */
public record WarmupTask(String name, Callable<?> body) {
    public WarmupTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }
}
