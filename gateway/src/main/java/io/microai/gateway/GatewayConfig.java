package io.microai.gateway;

import io.microai.gateway.ai.AiSettings;
import io.microai.gateway.payment.PaymentTerms;
import io.microai.gateway.payment.facilitator.FacilitatorSettings;
import io.microai.gateway.payment.x402.PaymentProtocols;
import io.microai.gateway.payment.x402.X402Settings;
import io.microai.gateway.ratelimit.Tier;
import io.microai.gateway.ratelimit.TrustedProxies;
import io.microai.gateway.store.RedisUrls;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import io.microai.shared.dashboard.DashboardConfig;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.metrics.MetricsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every gateway setting, read from the environment and validated once at start; a bad value stops
 * the gateway with one line naming the variable. gateway/README.md documents each variable.
 */
public record GatewayConfig(
        String host,
        int port,
        int workerThreads,
        long maxBodyBytes,
        String verifierUrl,
        Duration verifierTimeout,
        PaymentProtocols protocols,
        PaymentTerms payment,
        Optional<X402Settings> x402,
        Duration nonceTtl,
        long nonceMaxEntries,
        Optional<String> serverWalletPrivateKey,
        Duration receiptTtl,
        long receiptMaxEntries,
        RateLimits rateLimits,
        AiSettings ai,
        Cache cache,
        Duration requestTimeout,
        Duration healthCheckTimeout,
        List<String> allowedOrigins,
        MetricsConfig metrics,
        SharedState sharedState,
        DashboardConfig dashboard,
        String verifierMetricsPath,
        Optional<FacilitatorSettings> facilitator) {

    public static final String SUMMARIZE_PATH = GatewayApi.SUMMARIZE_PATH;
    public static final String RECEIPT_PATH = GatewayApi.RECEIPT_PATH;
    /** Paths the metrics endpoint and the dashboard may not take. */
    static final Set<String> API_PATHS = Set.of(GatewayApi.HEALTHZ_PATH, GatewayApi.READYZ_PATH, SUMMARIZE_PATH,
            GatewayApi.RECEIPTS_PREFIX, "/docs", "/openapi.yaml");

    /** {@code maxInFlightPerClient}: requests one client may have open at once, enforced even with rate limits off. */
    public record RateLimits(boolean enabled, Tier anonymous, Tier standard, Tier verified, Duration idleTtl,
                             long maxKeys, TrustedProxies trustedProxies, int maxInFlightPerClient) {
    }

    public record Cache(boolean enabled, Duration ttl, long maxEntries) {
    }

    /**
     * Where nonces, rate-limit buckets and receipts live: {@code memory} (this process) or {@code redis} (shared by a
     * fleet, at {@code redisUrl}). {@code rateLimitAllowOnStoreError}: whether a request passes (true) or gets
     * 503 (false) when the rate-limit store cannot answer.
     */
    public record SharedState(boolean redisNonces, boolean redisRateLimits, Optional<String> redisUrl,
                              Duration redisTimeout, boolean rateLimitAllowOnStoreError, boolean redisReceipts) {
        public boolean usesRedis() {
            return redisNonces || redisRateLimits || redisReceipts;
        }
    }

    public static GatewayConfig fromEnv(Env env) {
        Duration requestTimeout = env.seconds("REQUEST_TIMEOUT_SECONDS", 60, 3600);
        Duration verifierTimeout = env.seconds("VERIFIER_TIMEOUT_SECONDS", 2, 300);
        if (verifierTimeout.compareTo(requestTimeout) >= 0) {
            throw new ConfigException("VERIFIER_TIMEOUT_SECONDS must be shorter than REQUEST_TIMEOUT_SECONDS");
        }
        int port = env.get("GATEWAY_PORT").isPresent()
                ? env.port("GATEWAY_PORT", GatewayApi.DEFAULT_PORT)
                : env.port("PORT", GatewayApi.DEFAULT_PORT);
        MetricsConfig metrics = MetricsConfig.fromEnv(env, API_PATHS);
        PaymentProtocols protocols = PaymentProtocols.from(env);
        return new GatewayConfig(
                env.string("GATEWAY_HOST", "0.0.0.0"),
                port,
                env.integer("GATEWAY_WORKER_THREADS", 64, 2, 1024),
                env.longValue("MAX_REQUEST_BODY_BYTES", 1024 * 1024, 1024, 10L * 1024 * 1024),
                url(env, "VERIFIER_URL", VerifierApi.DEFAULT_URL),
                verifierTimeout,
                protocols,
                payment(env),
                X402Settings.from(env, protocols),
                env.seconds("NONCE_TTL_SECONDS", 300, 86_400),
                env.longValue("NONCE_MAX_ENTRIES", 200_000, 100, 10_000_000),
                env.get("SERVER_WALLET_PRIVATE_KEY"),
                env.seconds("RECEIPT_TTL", 86_400, 365L * 86_400),
                env.longValue("RECEIPT_MAX_ENTRIES", 100_000, 100, 10_000_000),
                rateLimits(env),
                ai(env, requestTimeout.minus(verifierTimeout)),
                new Cache(env.bool("CACHE_ENABLED", true),
                        env.seconds("CACHE_TTL_SECONDS", 3600, 30L * 86_400),
                        env.longValue("CACHE_MAX_ENTRIES", 10_000, 1, 10_000_000)),
                requestTimeout,
                env.seconds("HEALTH_CHECK_TIMEOUT_SECONDS", 2, 60),
                List.of(env.string("ALLOWED_ORIGINS", "http://localhost:3001").split("\\s*,\\s*")),
                metrics,
                sharedState(env),
                DashboardConfig.fromEnv(env, API_PATHS, metrics),
                MetricsConfig.plainPath(env, "VERIFIER_METRICS_PATH", MetricsConfig.DEFAULT_PATH),
                FacilitatorSettings.from(env));
    }

    public GatewayConfig withListener(String newHost, int newPort) {
        return new GatewayConfig(newHost, newPort, workerThreads, maxBodyBytes, verifierUrl, verifierTimeout, protocols,
                payment, x402, nonceTtl, nonceMaxEntries, serverWalletPrivateKey, receiptTtl, receiptMaxEntries, rateLimits, ai, cache,
                requestTimeout, healthCheckTimeout, allowedOrigins, metrics, sharedState, dashboard, verifierMetricsPath, facilitator);
    }

    private static SharedState sharedState(Env env) {
        boolean redisNonces = store(env, "NONCE_STORE");
        boolean redisRateLimits = store(env, "RATE_LIMIT_STORE");
        boolean redisReceipts = store(env, "RECEIPT_STORE");
        Optional<String> url = env.get("REDIS_URL").map(u -> RedisUrls.validate("REDIS_URL", u));
        if ((redisNonces || redisRateLimits || redisReceipts) && url.isEmpty()) {
            throw new ConfigException("REDIS_URL is required when "
                    + (redisNonces ? "NONCE_STORE" : redisRateLimits ? "RATE_LIMIT_STORE" : "RECEIPT_STORE") + "=redis");
        }
        Duration timeout = Duration.ofMillis(env.longValue("REDIS_TIMEOUT_MS", 500, 10, 60_000));
        String onError = env.string("RATE_LIMIT_ON_STORE_ERROR", "allow").toLowerCase(Locale.ROOT);
        if (!onError.equals("allow") && !onError.equals("deny")) {
            throw new ConfigException("RATE_LIMIT_ON_STORE_ERROR must be allow or deny, got '" + onError + "'");
        }
        return new SharedState(redisNonces, redisRateLimits, url, timeout, onError.equals("allow"), redisReceipts);
    }

    /** {@code memory} (false) or {@code redis} (true). */
    private static boolean store(Env env, String name) {
        String value = env.string(name, "memory").toLowerCase(Locale.ROOT);
        switch (value) {
            case "memory":
                return false;
            case "redis":
                return true;
            default:
                throw new ConfigException(name + " must be memory or redis, got '" + value + "'");
        }
    }

    /** The upstream format's terms; {@code CHAIN_ID}, {@code RECIPIENT_ADDRESS} and {@code PAYMENT_AMOUNT} also price x402. */
    private static PaymentTerms payment(Env env) {
        String recipient = env.string("RECIPIENT_ADDRESS", "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219");
        String checksummed;
        try {
            // Wallets refuse a mis-checksummed address, so the challenge always carries EIP-55 form.
            checksummed = Address.toChecksum(Address.parse(recipient));
        } catch (Eip712Exception e) {
            throw new ConfigException("RECIPIENT_ADDRESS must be a 0x-prefixed 20-byte hex address, got '" + recipient + "'");
        }
        String amount = env.string("PAYMENT_AMOUNT", "0.001");
        if (!amount.matches("(0|[1-9][0-9]{0,30})(\\.[0-9]{1,18})?")) {
            throw new ConfigException("PAYMENT_AMOUNT must be a decimal number such as 0.001, got '" + amount + "'");
        }
        long chainId = env.longValue("CHAIN_ID", 8453, 1, Long.MAX_VALUE);
        return new PaymentTerms(checksummed, "USDC", amount, chainId);
    }

    private static RateLimits rateLimits(Env env) {
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(env.string("TRUSTED_PROXIES", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TRUSTED_PROXIES must be comma-separated IP addresses or CIDRs: " + e.getMessage());
        }
        return new RateLimits(
                env.bool("RATE_LIMIT_ENABLED", true),
                tier(env, "ANONYMOUS", Tier.ANONYMOUS),
                tier(env, "STANDARD", Tier.STANDARD),
                tier(env, "VERIFIED", Tier.VERIFIED),
                env.seconds("RATE_LIMIT_CLEANUP_INTERVAL", 300, 86_400),
                env.longValue("RATE_LIMIT_MAX_KEYS", 100_000, 100, 10_000_000),
                proxies,
                env.integer("MAX_IN_FLIGHT_PER_CLIENT", 64, 1, 100_000));
    }

    private static Tier tier(Env env, String name, Tier defaults) {
        String prefix = "RATE_LIMIT_" + name + "_";
        return new Tier(defaults.name(),
                env.integer(prefix + "RPM", defaults.requestsPerMinute(), 1, 10_000_000),
                env.integer(prefix + "BURST", defaults.burst(), 1, 10_000_000));
    }

    /** The AI call gets what is left of the request's time budget after the verifier's, at most its own timeout. */
    private static AiSettings ai(Env env, Duration budget) {
        Optional<String> openRouterKey = env.get("OPENROUTER_API_KEY");
        String provider = env.get("AI_PROVIDER").map(p -> p.toLowerCase(Locale.ROOT))
                .orElse(openRouterKey.isPresent() ? "openrouter" : "embedded");
        Duration configured = env.seconds("AI_REQUEST_TIMEOUT_SECONDS", 30, 600);
        Duration timeout = configured.compareTo(budget) < 0 ? configured : budget;
        Duration latency = Duration.ofMillis(env.longValue("EMBEDDED_AI_LATENCY_MS", 0, 0, 60_000));
        int maxResponse = env.integer("AI_MAX_RESPONSE_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024);
        Duration streamIdle = env.seconds("AI_STREAM_IDLE_TIMEOUT_SECONDS", 15, 600);
        switch (provider) {
            case "embedded":
                return new AiSettings("embedded", "", "", "embedded-extractive-v1", timeout, latency, maxResponse, streamIdle);
            case "openrouter": {
                String key = openRouterKey.orElseThrow(() ->
                        new ConfigException("OPENROUTER_API_KEY is required when AI_PROVIDER=openrouter"));
                // OPENROUTER_URL, kept for existing deployments, is the full chat-completions URL; AI_BASE_URL is the base.
                String base = env.get("AI_BASE_URL").orElseGet(() -> env.get("OPENROUTER_URL")
                        .map(u -> u.replaceFirst("/chat/completions/?$", ""))
                        .orElse("https://openrouter.ai/api/v1"));
                return new AiSettings("openrouter", checkedUrl("AI_BASE_URL", base), key,
                        env.get("AI_MODEL").orElse(env.string("OPENROUTER_MODEL", "z-ai/glm-4.5-air:free")),
                        timeout, latency, maxResponse, streamIdle);
            }
            case "ollama": {
                String base = env.get("AI_BASE_URL").orElseGet(() -> env.string("OLLAMA_URL", "http://localhost:11434")
                        .replaceFirst("/+$", "") + "/v1");
                return new AiSettings("ollama", checkedUrl("AI_BASE_URL", base), env.string("AI_API_KEY", ""),
                        env.get("AI_MODEL").orElse(env.string("OLLAMA_MODEL", "llama2")), timeout, latency, maxResponse, streamIdle);
            }
            case "openai": {
                String base = env.get("AI_BASE_URL").orElseThrow(() ->
                        new ConfigException("AI_BASE_URL is required when AI_PROVIDER=openai"));
                String model = env.get("AI_MODEL").orElseThrow(() ->
                        new ConfigException("AI_MODEL is required when AI_PROVIDER=openai"));
                return new AiSettings("openai", checkedUrl("AI_BASE_URL", base), env.string("AI_API_KEY", ""), model,
                        timeout, latency, maxResponse, streamIdle);
            }
            default:
                throw new ConfigException("AI_PROVIDER must be embedded, openrouter, ollama or openai, got '" + provider + "'");
        }
    }

    private static String url(Env env, String name, String defaultValue) {
        return checkedUrl(name, env.string(name, defaultValue).replaceFirst("/+$", ""));
    }

    private static String checkedUrl(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be an http(s) URL, got '" + value + "'");
        }
    }
}
