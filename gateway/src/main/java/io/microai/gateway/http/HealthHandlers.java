package io.microai.gateway.http;

import io.microai.gateway.ai.AiProvider;
import io.microai.gateway.ai.Readiness;
import io.microai.gateway.payment.VerifierClient;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.util.SameThreadExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /healthz}: the process is up (the shape existing probes parse). {@code /readyz}: it can serve paid
 * requests — the verifier answers its health check and the AI provider is reachable — with 503 and
 * the failing check named otherwise, so a load balancer can route around a gateway that cannot work. One check
 * answers every probe for a second ({@link ReadinessCheck}).
 */
public final class HealthHandlers {
    /** Long enough to absorb a flood of probes, short enough that a load balancer sees a change within a second. */
    static final Duration READINESS_TTL = Duration.ofSeconds(1);
    /** Where readiness checks run, so probes wait for one without holding a worker thread each. */
    private static final Executor CHECKS = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "readiness-check");
        t.setDaemon(true);
        return t;
    });

    private HealthHandlers() {
    }

    public static HttpHandler healthz() {
        return exchange -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service", "gateway");
            body.put("status", "ok");
            body.put("timestamp", System.currentTimeMillis() / 1000);
            JsonResponses.send(exchange, 200, body);
        };
    }

    public static HttpHandler readyz(VerifierClient verifier, AiProvider provider, Duration timeout) {
        return readyz(verifier, provider, timeout, () -> "disabled");
    }

    /**
     * @param redis {@code checks.redis}: {@code disabled} (no shared store), {@code ok} or {@code unreachable}
     *              (not ready: paid requests would get 503)
     */
    public static HttpHandler readyz(VerifierClient verifier, AiProvider provider, Duration timeout, Supplier<String> redis) {
        return readyz(verifier, provider, timeout, redis, () -> "disabled", "none");
    }

    /**
     * @param facilitator {@code checks.facilitator}: {@code disabled} (no facilitator), {@code ok}, or (not ready:
     *                    x402 payments would get 503) {@code starting}, {@code unreachable}, {@code unsupported}
     * @param settlement  the top-level {@code settlement}: {@code none} (payments are verified, never settled) or
     *                    {@code facilitator}
     */
    public static HttpHandler readyz(VerifierClient verifier, AiProvider provider, Duration timeout, Supplier<String> redis,
                                     Supplier<String> facilitator, String settlement) {
        return readyz(verifier, provider, timeout, redis, facilitator, settlement, READINESS_TTL);
    }

    /**
     * @param ttl how long one check's answer is served to every probe (see {@link ReadinessCheck}); the probes
     *            wait for it without holding a worker
     */
    public static HttpHandler readyz(VerifierClient verifier, AiProvider provider, Duration timeout, Supplier<String> redis,
                                     Supplier<String> facilitator, String settlement, Duration ttl) {
        ReadinessCheck readiness = new ReadinessCheck(() -> check(verifier, provider, timeout, redis, facilitator), ttl,
                Clock.systemUTC(), CHECKS);
        return exchange -> exchange.dispatch(SameThreadExecutor.INSTANCE, () -> readiness.answer().whenComplete((answer, failure) -> {
            if (failure != null) {
                JsonResponses.error(exchange, 503, "readiness_check_failed", "the readiness check could not complete");
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("ready", answer.status() == 200);
                body.put("timestamp", System.currentTimeMillis() / 1000);
                body.put("settlement", settlement);
                body.put("checks", answer.checks());
                JsonResponses.send(exchange, answer.status(), body);
            }
        }));
    }

    private static ReadinessCheck.Answer check(VerifierClient verifier, AiProvider provider, Duration timeout, Supplier<String> redis,
                                               Supplier<String> facilitator) {
        boolean verifierOk = verifier.healthy(timeout);
        Readiness ai = provider.checkReady(timeout);
        Map<String, Object> aiCheck = new LinkedHashMap<>();
        aiCheck.put("provider", provider.name());
        aiCheck.put("model", provider.model());
        aiCheck.put("status", ai.ready() ? "ok" : "unreachable");
        if (!ai.ready()) {
            aiCheck.put("detail", ai.detail());
        }
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("verifier", verifierOk ? "ok" : "unreachable");
        checks.put("ai_provider", aiCheck);
        String redisCheck = redis.get();
        checks.put("redis", redisCheck);
        String facilitatorCheck = facilitator.get();
        checks.put("facilitator", facilitatorCheck);
        boolean facilitatorOk = "disabled".equals(facilitatorCheck) || "ok".equals(facilitatorCheck);
        boolean ready = verifierOk && ai.ready() && !"unreachable".equals(redisCheck) && facilitatorOk;
        return new ReadinessCheck.Answer(ready ? 200 : 503, checks);
    }
}
