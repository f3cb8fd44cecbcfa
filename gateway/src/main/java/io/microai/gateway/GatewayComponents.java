package io.microai.gateway;

import io.microai.gateway.ai.AiProvider;
import io.microai.gateway.ai.AiProviders;
import io.microai.gateway.ai.ProviderCall;
import io.microai.gateway.cache.ResponseCache;
import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.metrics.SharedStore;
import io.microai.gateway.payment.Challenge402;
import io.microai.gateway.payment.InMemoryNonceStore;
import io.microai.gateway.payment.LegacyChallenge;
import io.microai.gateway.payment.LegacyPayment;
import io.microai.gateway.payment.NonceStore;
import io.microai.gateway.payment.PaymentMethod;
import io.microai.gateway.payment.RoutePayment;
import io.microai.gateway.payment.SettlementStep;
import io.microai.gateway.payment.VerifierClient;
import io.microai.gateway.payment.X402Payment;
import io.microai.gateway.payment.facilitator.Facilitator;
import io.microai.gateway.payment.facilitator.FacilitatorClient;
import io.microai.gateway.payment.facilitator.FacilitatorSettings;
import io.microai.gateway.payment.x402.AuthorizationLedger;
import io.microai.gateway.payment.x402.ChallengeBuilder;
import io.microai.gateway.payment.x402.InMemoryAuthorizationLedger;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.gateway.payment.x402.PaymentRequirements;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.gateway.payment.x402.ResourceUrls;
import io.microai.gateway.payment.x402.X402Settings;
import io.microai.gateway.ratelimit.ClientAddressResolver;
import io.microai.gateway.ratelimit.InMemoryRateLimiter;
import io.microai.gateway.ratelimit.RateLimiter;
import io.microai.gateway.receipt.ReceiptIssuer;
import io.microai.gateway.receipt.ReceiptSigner;
import io.microai.gateway.receipt.FleetReceiptStore;
import io.microai.gateway.receipt.ReceiptStorage;
import io.microai.gateway.receipt.ReceiptStore;
import io.microai.gateway.store.RedisAuthorizationLedger;
import io.microai.gateway.store.RedisConnector;
import io.microai.gateway.store.RedisNonceStore;
import io.microai.gateway.store.RedisRateLimiter;
import io.microai.gateway.store.RedisReceiptStore;
import io.microai.gateway.stream.StreamFlights;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.config.ConfigException;
import io.microai.shared.metrics.Metrics;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** The gateway's long-lived parts, built once from its configuration. */
public final class GatewayComponents implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GatewayComponents.class.getName());
    /** What the x402 challenge tells a client it pays for. */
    static final String RESOURCE_DESCRIPTION = "Summarize text with AI";
    /** How often a facilitator that has not answered (or stopped answering) is asked again. */
    static final Duration FACILITATOR_RETRY = Duration.ofSeconds(2);
    /** How often an answering facilitator is probed, so an outage shows without traffic. */
    static final Duration FACILITATOR_PROBE = Duration.ofSeconds(10);

    final GatewayConfig config;
    final Metrics metrics;
    final GatewayMetrics gatewayMetrics;
    final NonceStore nonces;
    final VerifierClient verifier;
    /** The payment step of {@code POST /api/ai/summarize}. */
    final RoutePayment summarizePayment;
    /** The payment step of the stream route: its own 402, nonces bound to it and x402 terms naming it. */
    final RoutePayment streamPayment;
    final AiProvider provider;
    final ProviderCall providerCall;
    final ResponseCache cache;
    /** The provider calls of streams in flight, shared by identical streams. */
    final StreamFlights flights;
    /** Settles a facilitator-verified payment once its result exists; both summary routes use it. */
    final SettlementStep settlement;
    final ReceiptSigner signer;
    final ReceiptStorage receipts;
    final ReceiptIssuer issuer;
    final RateLimiter rateLimiter;
    final ClientAddressResolver clients;
    /** The shared Redis connection when NONCE_STORE, RATE_LIMIT_STORE or RECEIPT_STORE is redis; null otherwise. */
    final RedisConnector redis;
    /** Who settles x402 payments; empty when FACILITATOR_URL is unset or x402 is off: nothing is settled. */
    final Optional<Facilitator> facilitator;

    public GatewayComponents(GatewayConfig config, Metrics metrics) {
        this(config, metrics, null);
    }

    /** @param providerOverride the AI provider to use instead of the configured one (tests' stand-ins); null for the configured one */
    GatewayComponents(GatewayConfig config, Metrics metrics, AiProvider providerOverride) {
        this.config = config;
        this.metrics = metrics;
        // One client for the verifier and the AI provider: pooled keep-alive connections, HTTP/1.1
        // because both peers are plain HTTP services.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(Math.max(1, Math.min(10, config.verifierTimeout().toSeconds()))))
                .build();
        gatewayMetrics = new GatewayMetrics(metrics);
        // Spent and expired nonces are remembered for an hour past expiry (bounded by NONCE_MAX_ENTRIES),
        // so a late retry hears "expired" or "already used" rather than "unknown".
        Duration grace = config.nonceTtl().compareTo(Duration.ofHours(1)) > 0 ? config.nonceTtl() : Duration.ofHours(1);
        GatewayConfig.SharedState shared = config.sharedState();
        redis = shared.usesRedis()
                ? new RedisConnector(shared.redisUrl().orElseThrow(), shared.redisTimeout(), gatewayMetrics)
                : null;
        InMemoryNonceStore nonceStore = null;
        if (shared.redisNonces()) {
            nonces = new RedisNonceStore(redis, config.nonceTtl(), grace, Clock.systemUTC());
            gatewayMetrics.prepareStore(SharedStore.NONCE, RedisNonceStore.OPERATIONS);
        } else {
            nonceStore = new InMemoryNonceStore(config.nonceTtl(), grace, config.nonceMaxEntries(), Clock.systemUTC());
            nonces = nonceStore;
        }
        verifier = new VerifierClient(http, config.verifierUrl(), config.verifierTimeout());
        boolean legacy = config.protocols().has(PaymentProtocol.LEGACY);
        Optional<LegacyChallenge> legacyChallenge = legacy
                ? Optional.of(new LegacyChallenge(config.payment(), nonces, config.nonceTtl(), Clock.systemUTC()))
                : Optional.empty();
        Optional<X402Settings> x402 = config.x402();
        facilitator = facilitator(config, x402, gatewayMetrics);
        // One ledger for every route: an authorization spent on one route is spent on all of them.
        Optional<AuthorizationLedger> ledger = x402.isPresent() ? Optional.of(ledger(config)) : Optional.empty();
        ResourceUrls urls = new ResourceUrls(x402.flatMap(X402Settings::publicBaseUrl));
        summarizePayment = routePayment(GatewayApi.SUMMARIZE_PATH, "application/json", legacyChallenge, x402, ledger, urls);
        streamPayment = routePayment(GatewayApi.SUMMARIZE_STREAM_PATH, "text/event-stream", legacyChallenge, x402, ledger, urls);
        gatewayMetrics.preparePayments(Arrays.stream(PaymentProtocol.values()).map(PaymentProtocol::configName).toList());
        provider = providerOverride != null ? providerOverride : AiProviders.create(config.ai(), http);
        providerCall = new ProviderCall(provider, gatewayMetrics);
        cache = new ResponseCache(config.cache().enabled(), config.cache().maxEntries(), config.cache().ttl());
        flights = new StreamFlights(cache, providerCall, config.ai().maxResponseBytes());
        settlement = new SettlementStep(gatewayMetrics);
        signer = signer(config);
        ReceiptStore localReceipts = new ReceiptStore(config.receiptMaxEntries(), config.receiptTtl());
        if (shared.redisReceipts()) {
            receipts = new FleetReceiptStore(localReceipts, new RedisReceiptStore(redis, config.receiptTtl()));
            gatewayMetrics.prepareStore(SharedStore.RECEIPT, RedisReceiptStore.OPERATIONS);
        } else {
            receipts = localReceipts;
        }
        issuer = new ReceiptIssuer(signer, receipts);
        InMemoryRateLimiter limiter = null;
        if (shared.redisRateLimits()) {
            rateLimiter = new RedisRateLimiter(redis, config.rateLimits().idleTtl());
            gatewayMetrics.prepareStore(SharedStore.RATE_LIMIT, RedisRateLimiter.OPERATIONS);
        } else {
            limiter = new InMemoryRateLimiter(config.rateLimits().idleTtl(), config.rateLimits().maxKeys());
            rateLimiter = limiter;
        }
        clients = new ClientAddressResolver(config.rateLimits().trustedProxies());

        // With a Redis store nothing is held in memory: its gauge reads 0.
        InMemoryNonceStore localNonces = nonceStore;
        InMemoryRateLimiter localBuckets = limiter;
        gatewayMetrics.storeSizes(cache::estimatedSize, () -> localNonces == null ? 0 : localNonces.estimatedSize(),
                receipts::size, () -> localBuckets == null ? 0 : localBuckets.estimatedSize());
    }

    /**
     * The payment step of one paid route: a 402 whose upstream nonces are bound to this route and whose x402
     * terms name it as the resource, and every enabled format (x402 first, then upstream's) judging against it.
     */
    private RoutePayment routePayment(String route, String mimeType, Optional<LegacyChallenge> legacyChallenge,
                                      Optional<X402Settings> x402, Optional<AuthorizationLedger> ledger, ResourceUrls urls) {
        Challenge402 challenge = new Challenge402(legacyChallenge,
                x402.map(terms -> new ChallengeBuilder(terms, RESOURCE_DESCRIPTION, mimeType)), urls, route);
        List<PaymentMethod> methods = new ArrayList<>();
        if (x402.isPresent()) {
            methods.add(new X402Payment(x402.get(), Clock.systemUTC(), verifier, ledger.orElseThrow(), challenge, gatewayMetrics, facilitator));
        }
        if (legacyChallenge.isPresent()) {
            methods.add(new LegacyPayment(nonces, verifier, gatewayMetrics, route));
        }
        return new RoutePayment(challenge, methods);
    }

    /**
     * Where x402 authorizations are claimed: beside the nonces, so {@code NONCE_STORE=redis} gives a fleet one
     * ledger, and in memory bounded like the nonces ({@code NONCE_MAX_ENTRIES}).
     */
    private AuthorizationLedger ledger(GatewayConfig config) {
        if (config.sharedState().redisNonces()) {
            gatewayMetrics.prepareStore(SharedStore.NONCE, RedisAuthorizationLedger.OPERATIONS);
            return new RedisAuthorizationLedger(redis);
        }
        return new InMemoryAuthorizationLedger(Clock.systemUTC(), (int) config.nonceMaxEntries());
    }

    /**
     * The facilitator, checked against this gateway's terms ({@code GET /supported}), when x402 is on and
     * {@code FACILITATOR_URL} is set. Without one the gateway runs and says so: payments are verified, not settled.
     */
    private static Optional<Facilitator> facilitator(GatewayConfig config, Optional<X402Settings> x402, GatewayMetrics metrics) {
        List<String> x402Protocols = List.of(PaymentProtocol.X402.configName(), PaymentProtocol.X402_V1.configName());
        x402.ifPresent(terms -> metrics.paymentAsset(terms.asset().address(), terms.network(), terms.asset().decimals()));
        if (x402.isEmpty() || config.facilitator().isEmpty()) {
            metrics.prepareSettlement(false, x402Protocols);
            if (config.facilitator().isPresent()) {
                LOG.warning("FACILITATOR_URL is set but x402 is off (PAYMENT_PROTOCOLS): it is not used; legacy payments are never settled");
            } else if (x402.isPresent()) {
                LOG.warning("FACILITATOR_URL is not set: x402 payments are verified by signature only and never settled, no funds move "
                        + "(settlement: none); set FACILITATOR_URL to settle them");
            }
            return Optional.empty();
        }
        metrics.prepareSettlement(true, x402Protocols);
        FacilitatorSettings settings = config.facilitator().get();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
        X402Settings terms = x402.get();
        List<Facilitator.Need> needs = new ArrayList<>();
        if (terms.offers(X402Version.V2)) {
            needs.add(new Facilitator.Need(X402Version.V2.number(), PaymentRequirements.EXACT, terms.network()));
        }
        if (terms.offers(X402Version.V1)) {
            needs.add(new Facilitator.Need(X402Version.V1.number(), PaymentRequirements.EXACT, terms.v1Network().orElseThrow()));
        }
        if (config.protocols().has(PaymentProtocol.LEGACY)) {
            LOG.warning("PAYMENT_PROTOCOLS includes legacy: those payments are verified by signature only and never settled "
                    + "(they prove no funds); set PAYMENT_PROTOCOLS=x402,x402-v1 to accept settled payments only");
        }
        return Optional.of(Facilitator.start(new FacilitatorClient(http, settings, metrics), needs, FACILITATOR_RETRY, FACILITATOR_PROBE));
    }

    /** {@code /readyz}'s {@code checks.facilitator}: {@code disabled}, or the facilitator's own readiness. */
    String facilitatorCheck() {
        return facilitator.map(Facilitator::readiness).orElse("disabled");
    }

    /** {@code /readyz}'s {@code settlement}: whether paid x402 requests are settled. */
    String settlementMode() {
        return facilitator.isPresent() ? SettlementLabels.MODE_FACILITATOR : SettlementLabels.MODE_NONE;
    }

    /** {@code /readyz}'s {@code checks.redis}: {@code disabled} without a Redis store, else {@code ok} or {@code unreachable}. */
    String redisCheck() {
        return redis == null ? "disabled" : redis.check();
    }

    /** Closes what outlives requests: the Redis connection and its threads. */
    @Override
    public void close() {
        flights.close();
        facilitator.ifPresent(Facilitator::close);
        if (redis != null) {
            redis.close();
        }
    }

    private static ReceiptSigner signer(GatewayConfig config) {
        if (config.serverWalletPrivateKey().isPresent()) {
            try {
                return ReceiptSigner.fromHex(config.serverWalletPrivateKey().get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        ReceiptSigner dev = ReceiptSigner.generateDevelopmentKey();
        LOG.warning("SERVER_WALLET_PRIVATE_KEY is not set: receipts are signed with a development key generated for this run, address "
                + dev.address() + " (set the variable in production so receipts stay verifiable across restarts)");
        return dev;
    }
}
