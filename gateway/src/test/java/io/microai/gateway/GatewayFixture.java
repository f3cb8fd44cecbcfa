package io.microai.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microai.gateway.ai.AiProvider;
import io.microai.shared.config.Env;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.testing.Http;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real verifier and a real gateway on free loopback ports, wired together over HTTP, plus a
 * client that walks the upstream format's flow (402 → sign the EIP-712 payment → retry); {@code
 * support.X402Payer} pays the official x402 protocol.
 */
public final class GatewayFixture implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** A key from the committed ethers.js vectors, so signatures here are the ones ethers would make. */
    public static final BigInteger PAYER_KEY = new BigInteger("380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc", 16);
    public static final String PAYER = "0x3cDB3d9e1B74692Bb1E3bb5fc81938151cA64b02";

    public final VerifierServer verifier;
    public final GatewayServer gateway;
    public final String base;

    /** Starts both; {@code env} overrides the gateway's settings (rate limits are raised unless given). */
    public GatewayFixture(Map<String, String> env) {
        this(env, null);
    }

    /** As {@link #GatewayFixture(Map)}, with {@code provider} (when not null) as the gateway's AI provider. */
    public GatewayFixture(Map<String, String> env, AiProvider provider) {
        VerifierServer v = null;
        GatewayServer g;
        try {
            v = env.containsKey("VERIFIER_URL") ? null
                    : VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1"));
            Map<String, String> settings = new HashMap<>();
            settings.put("RATE_LIMIT_ANONYMOUS_BURST", "100000");
            settings.put("RATE_LIMIT_ANONYMOUS_RPM", "1000000");
            settings.put("RATE_LIMIT_STANDARD_BURST", "100000");
            settings.put("RATE_LIMIT_STANDARD_RPM", "1000000");
            if (v != null) {
                settings.put("VERIFIER_URL", "http://127.0.0.1:" + v.port());
            }
            settings.putAll(env);
            GatewayConfig config = GatewayConfig.fromEnv(new Env(settings)).withListener("127.0.0.1", 0);
            g = provider == null ? GatewayServer.start(config, new Metrics()) : GatewayServer.start(config, new Metrics(), provider);
        } catch (RuntimeException e) {
            if (v != null) {
                v.close();
            }
            throw e;
        }
        verifier = v;
        gateway = g;
        base = "http://127.0.0.1:" + g.port();
    }

    public GatewayFixture() {
        this(Map.of());
    }

    public HttpResponse<String> summarize(String body, String... headers) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
        all.addAll(List.of(headers));
        return Http.post(base + GatewayConfig.SUMMARIZE_PATH, body, all.toArray(String[]::new));
    }

    /** The 402 challenge's payment context, for a request with a placeholder body. */
    public JsonNode challenge() throws IOException, InterruptedException {
        return challenge("{\"text\":\"x\"}");
    }

    /** The 402 challenge's payment context for a request with {@code body}, which the paid request must repeat. */
    public JsonNode challenge(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = summarize(body);
        if (response.statusCode() != 402) {
            throw new AssertionError("expected 402, got " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("paymentContext");
    }

    /** Signs a challenge's context with {@code key} the way a wallet would. */
    public static String sign(JsonNode context, BigInteger key) {
        PaymentContext payment = new PaymentContext(context.get("recipient").asText(), context.get("token").asText(),
                context.get("amount").asText(), context.get("nonce").asText(), context.get("chainId").bigIntegerValue());
        return Secp256k1.sign(PaymentTypedData.digest(payment), key).toHex();
    }

    /** The whole flow: challenge, sign with the test payer's key, retry with the payment headers. */
    public HttpResponse<String> pay(String body, String... extraHeaders) throws IOException, InterruptedException {
        JsonNode context = challenge(body);
        List<String> headers = new ArrayList<>(List.of("X-402-Signature", sign(context, PAYER_KEY), "X-402-Nonce", context.get("nonce").asText()));
        headers.addAll(List.of(extraHeaders));
        return summarize(body, headers.toArray(String[]::new));
    }

    public String scrape() throws IOException, InterruptedException {
        return Http.get(base + "/metrics").body();
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            if (verifier != null) {
                verifier.close();
            }
        }
    }
}
