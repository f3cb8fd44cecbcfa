package io.microai.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.ai.EmbeddedSummarizer;
import io.microai.gateway.cache.CacheKey;
import io.microai.gateway.cache.ResponseCache;
import io.microai.gateway.payment.RequestBinding;
import io.microai.gateway.payment.VerifiedPayment;
import io.microai.gateway.payment.x402.ChallengeBuilder;
import io.microai.gateway.payment.x402.CheckedPayment;
import io.microai.gateway.payment.x402.DecodedPayment;
import io.microai.gateway.payment.x402.Outcome;
import io.microai.gateway.payment.x402.PaymentChecks;
import io.microai.gateway.payment.x402.PaymentHeaderDecoder;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.gateway.payment.x402.X402Settings;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.gateway.ratelimit.InMemoryRateLimiter;
import io.microai.gateway.ratelimit.Tier;
import io.microai.gateway.receipt.ReceiptIssuer;
import io.microai.gateway.receipt.ReceiptSigner;
import io.microai.gateway.receipt.ReceiptStore;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.verify.AuthorizationVerifyRequest;
import io.microai.shared.verify.VerifyResponse;
import io.microai.shared.warmup.WarmupTask;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The gateway's hot paths, as a paid flow runs them: the 402 challenge in both formats, the payment header
 * decoded and checked, the verifier's request and answer encoded, the rate limit, the cache and summary,
 * the receipt signed. Each runs on its own throwaway instance built from this gateway's settings, never
 * on the live stores, so no nonce, receipt, cache entry, bucket or metric a client could see comes of it.
 */
final class GatewayWarmup {
    /** Texts to summarise and pay for; more than one, so the cache both misses and hits. */
    private static final List<String> TEXTS = List.of(
            "Prometheus scrapes targets on a schedule. Histograms keep buckets. Alerts fire on burn rates.",
            "The gateway answers 402 with the price. The client signs an authorization. The gateway verifies it and serves.",
            "Caches keep recent answers. A hit skips the provider. Every paid answer still gets its own receipt.");
    /** Each payer costs curve multiplications to prepare with cold code, so few. */
    private static final int PAYERS = 2;

    private GatewayWarmup() {
    }

    static List<WarmupTask> tasks(GatewayConfig config) {
        try {
            return build(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a warm-up payment must encode", e);
        }
    }

    private static List<WarmupTask> build(GatewayConfig config) throws JsonProcessingException {
        String resource = "http://127.0.0.1:" + config.port() + GatewayApi.SUMMARIZE_PATH;
        List<WarmupTask> tasks = new ArrayList<>();
        if (config.x402().isPresent()) {
            tasks.addAll(x402(config.x402().get(), resource));
        }
        tasks.add(legacyChallenge(config));
        tasks.add(rateLimit(config));
        tasks.add(summary(config));
        tasks.add(receipt(config));
        return tasks;
    }

    /** The challenge, then each offered version's header decoded, checked and put to the verifier as JSON. */
    private static List<WarmupTask> x402(X402Settings terms, String resource) throws JsonProcessingException {
        ChallengeBuilder builder = new ChallengeBuilder(terms, GatewayComponents.RESOURCE_DESCRIPTION, "application/json");
        List<WarmupTask> tasks = new ArrayList<>();
        tasks.add(new WarmupTask("x402 challenge", () -> {
            var challenge = builder.challenge(resource, ChallengeBuilder.PAYMENT_REQUIRED);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "Payment Required");
            challenge.v1Fields().ifPresent(v1 -> body.put("accepts", v1.get("accepts")));
            return Json.MAPPER.writeValueAsBytes(body).length + challenge.headers().size();
        }));
        PaymentHeaderDecoder decoder = new PaymentHeaderDecoder(terms.versions());
        PaymentChecks checks = new PaymentChecks(terms, Clock.systemUTC());
        for (X402Version version : terms.versions()) {
            List<String> headers = new ArrayList<>();
            for (int i = 0; i < PAYERS; i++) {
                headers.add(paymentHeader(terms, builder, version, resource, BigInteger.valueOf(0x5eed + i)));
            }
            int[] next = {0};
            tasks.add(new WarmupTask("x402 v" + version.number() + " payment", () -> {
                Outcome<CheckedPayment> checked = decoder.decode(version, headers.get(next[0]++ % headers.size()))
                        .then(checks::check);
                if (!checked.isAccepted()) {
                    throw new IllegalStateException("the warm-up payment was refused: " + checked.refusal());
                }
                CheckedPayment payment = checked.value();
                byte[] request = Json.MAPPER.writeValueAsBytes(new AuthorizationVerifyRequest(
                        AuthorizationVerifyRequest.Domain.of(payment.domain()),
                        AuthorizationVerifyRequest.Message.of(payment.message()), payment.signature()));
                String answer = Json.MAPPER.writeValueAsString(VerifyResponse.recovered(payment.payer()));
                JsonNode recovered = Json.MAPPER.readTree(answer);
                return checks.confirmSigner(payment, Optional.of(recovered.path("address").asText(payment.payer()))).isAccepted()
                        ? request : answer;
            }));
        }
        return tasks;
    }

    /** What a client sends: a signed EIP-3009 authorization for the offered terms, base64 JSON. */
    private static String paymentHeader(X402Settings terms, ChallengeBuilder builder, X402Version version, String resource,
                                         BigInteger key) throws JsonProcessingException {
        long now = Clock.systemUTC().instant().getEpochSecond();
        TransferWithAuthorization authorization = new TransferWithAuthorization(Secp256k1.addressOf(key), terms.payTo(),
                terms.amount().toString(), "0", Long.toString(now + terms.maxTimeoutSeconds()),
                "0x" + UUID.randomUUID().toString().replace("-", "").repeat(2));
        String signature = Eip3009Signatures.sign(terms.tokenDomain(), authorization, key).toHex();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("x402Version", version.number());
        ObjectNode requirements = builder.requirements(version, resource);
        if (version == X402Version.V1) {
            root.put("scheme", requirements.path("scheme").asText());
            root.put("network", requirements.path("network").asText());
        }
        ObjectNode payload = root.putObject("payload");
        ObjectNode auth = payload.putObject("authorization");
        auth.put("from", authorization.from());
        auth.put("to", authorization.to());
        auth.put("value", authorization.value());
        auth.put("validAfter", authorization.validAfter());
        auth.put("validBefore", authorization.validBefore());
        auth.put("nonce", authorization.nonce());
        payload.put("signature", signature);
        if (version == X402Version.V2) {
            root.set("accepted", requirements);
        }
        return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    /** The upstream format's challenge body: a nonce bound to the request body, in JSON. */
    private static WarmupTask legacyChallenge(GatewayConfig config) {
        byte[] requestBody = requestBody(TEXTS.get(0));
        return new WarmupTask("legacy challenge", () -> {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("recipient", config.payment().recipient());
            context.put("token", config.payment().token());
            context.put("amount", config.payment().amount());
            context.put("nonce", UUID.randomUUID().toString());
            context.put("bound_to", RequestBinding.of(GatewayApi.SUMMARIZE_PATH, requestBody));
            return Json.MAPPER.writeValueAsBytes(Map.of("paymentContext", context));
        });
    }

    private static WarmupTask rateLimit(GatewayConfig config) {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(Duration.ofMinutes(1), 1024);
        Tier tier = config.rateLimits().standard();
        int[] next = {0};
        return new WarmupTask("rate limit", () -> limiter.tryAcquire("203.0.113." + (next[0]++ % 64), tier));
    }

    /** The request body read, the cache looked up and (on a miss) the embedded summary computed, the answer encoded. */
    private static WarmupTask summary(GatewayConfig config) {
        ResponseCache cache = new ResponseCache(true, 1024, Duration.ofMinutes(1));
        EmbeddedSummarizer summarizer = new EmbeddedSummarizer(EmbeddedSummarizer.DEFAULT_MAX_SENTENCES,
                EmbeddedSummarizer.DEFAULT_MAX_OUTPUT_CHARS, Duration.ZERO);
        List<byte[]> bodies = TEXTS.stream().map(GatewayWarmup::requestBody).toList();
        String model = config.ai().model();
        int[] next = {0};
        return new WarmupTask("summary", () -> {
            String text = Json.MAPPER.readTree(bodies.get(next[0]++ % bodies.size())).path("text").asText();
            CacheKey key = CacheKey.of(GatewayApi.SUMMARIZE_PATH, model, text);
            String summary = cache.getOrCompute(key, () -> summarizer.summarize(text, "warm-up")).value();
            return Json.MAPPER.writeValueAsBytes(Map.of("result", summary));
        });
    }

    /** A receipt signed and encoded for its header, by a throwaway key into a throwaway store. */
    private static WarmupTask receipt(GatewayConfig config) {
        ReceiptIssuer issuer = new ReceiptIssuer(ReceiptSigner.generateDevelopmentKey(), new ReceiptStore(1024, Duration.ofMinutes(1)));
        VerifiedPayment payment = new VerifiedPayment(PaymentProtocol.X402, Secp256k1.addressOf(BigInteger.valueOf(0x5eed)),
                config.payment().recipient(), config.payment().amount(), config.payment().token(),
                "eip155:" + config.payment().chainId(), BigInteger.valueOf(config.payment().chainId()), UUID.randomUUID().toString(), Receipt.SETTLEMENT_NONE);
        byte[] request = requestBody(TEXTS.get(1));
        byte[] response = requestBody(TEXTS.get(2));
        return new WarmupTask("receipt", () -> issuer.issue(payment, GatewayApi.SUMMARIZE_PATH, request, response).headerValue());
    }

    private static byte[] requestBody(String text) {
        try {
            return Json.MAPPER.writeValueAsBytes(Map.of("text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a warm-up body must encode", e);
        }
    }
}
