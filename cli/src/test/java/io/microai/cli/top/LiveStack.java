package io.microai.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayServer;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real verifier and gateway on free loopback ports in this JVM, plus a background client that
 * keeps traffic flowing (x402 challenges, paid requests, health checks, one bad signature in ten)
 * so that rates between two scrapes are not zero.
 */
final class LiveStack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The payer key of the committed ethers.js vectors (as in the gateway's fixture). */
    static final BigInteger PAYER_KEY = new BigInteger("380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc", 16);

    final VerifierServer verifier;
    final GatewayServer gateway;
    final String base;
    final String gatewayMetrics;
    final String verifierMetrics;
    private final AtomicBoolean trafficOn = new AtomicBoolean();
    private Thread traffic;
    final AtomicInteger sent = new AtomicInteger();

    LiveStack() {
        VerifierServer v = VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1"));
        GatewayServer g;
        try {
            Map<String, String> settings = new HashMap<>();
            settings.put("VERIFIER_URL", "http://127.0.0.1:" + v.port());
            settings.put("RATE_LIMIT_ANONYMOUS_BURST", "100000");
            settings.put("RATE_LIMIT_ANONYMOUS_RPM", "1000000");
            settings.put("RATE_LIMIT_STANDARD_BURST", "100000");
            settings.put("RATE_LIMIT_STANDARD_RPM", "1000000");
            g = GatewayServer.start(GatewayConfig.fromEnv(new Env(settings)).withListener("127.0.0.1", 0), new Metrics());
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        verifier = v;
        gateway = g;
        base = "http://127.0.0.1:" + g.port();
        gatewayMetrics = base + "/metrics";
        verifierMetrics = "http://127.0.0.1:" + v.port() + "/metrics";
    }

    HttpResponse<String> summarize(String body, String... headers) throws IOException, InterruptedException {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.post(base + GatewayConfig.SUMMARIZE_PATH, body, all);
    }

    /** Challenge, sign, retry; {@code corrupt} flips the signature so the verifier rejects it. */
    int pay(boolean corrupt) throws IOException, InterruptedException {
        HttpResponse<String> challenge = summarize("{\"text\":\"hello world, this is a test\"}");
        JsonNode ctx = JSON.readTree(challenge.body()).get("paymentContext");
        if (ctx == null) {
            return challenge.statusCode();
        }
        PaymentContext payment = new PaymentContext(ctx.get("recipient").asText(), ctx.get("token").asText(),
                ctx.get("amount").asText(), ctx.get("nonce").asText(), ctx.get("chainId").bigIntegerValue());
        String signature = Secp256k1.sign(PaymentTypedData.digest(payment), PAYER_KEY).toHex();
        if (corrupt) {
            signature = signature.substring(0, 10) + (signature.charAt(10) == '0' ? '1' : '0') + signature.substring(11);
        }
        return summarize("{\"text\":\"hello world, this is a test\"}",
                "X-402-Signature", signature, "X-402-Nonce", ctx.get("nonce").asText()).statusCode();
    }

    /** Starts a client thread that sends requests until {@link #stopTraffic()} (or close). */
    void startTraffic() {
        trafficOn.set(true);
        traffic = new Thread(() -> {
            int i = 0;
            while (trafficOn.get()) {
                try {
                    pay(i % 10 == 9);
                    Http.get(base + "/healthz");
                    sent.incrementAndGet();
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    // a request failing while the stack stops is fine
                }
                i++;
            }
        }, "live-stack-traffic");
        traffic.setDaemon(true);
        traffic.start();
    }

    void stopTraffic() throws InterruptedException {
        trafficOn.set(false);
        if (traffic != null) {
            traffic.join(10_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopTraffic();
        try {
            gateway.close();
        } finally {
            verifier.close();
        }
    }
}
