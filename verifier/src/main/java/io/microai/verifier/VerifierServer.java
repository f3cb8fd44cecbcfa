package io.microai.verifier;

import io.microai.shared.http.Blocking;
import io.microai.shared.http.CorrelationIdHandler;
import io.microai.shared.http.HttpService;
import io.microai.shared.http.JsonResponses;
import io.microai.shared.http.Routes;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.metrics.MetricsHandler;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wires the verifier's routes: correlation id, then {@code /health}, {@code /verify} and metrics. */
public final class VerifierServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    private final HttpService http;
    private final Metrics metrics;

    private VerifierServer(HttpService http, Metrics metrics) {
        this.http = http;
        this.metrics = metrics;
    }

    public static VerifierServer start(VerifierConfig config) {
        warmUp();
        Metrics metrics = Metrics.withJvmMetrics();
        HttpService http = HttpService.start(config.host(), config.port(), handler(config, metrics));
        return new VerifierServer(http, metrics);
    }

    static HttpHandler handler(VerifierConfig config, Metrics metrics) {
        RoutingHandler routes = Handlers.routing()
                .get("/health", exchange -> JsonResponses.send(exchange, 200, health()))
                .post("/verify", new Blocking(new VerifyHandler(config.maxBodyBytes(), new VerifierMetrics(metrics))));
        if (config.metrics().enabled()) {
            routes.get(config.metrics().path(), new MetricsHandler(metrics.prometheus()));
        }
        return new CorrelationIdHandler(Routes.withJsonFallbacks(routes));
    }

    /**
     * One signature recovery before the port opens: loading the curve classes and their tables costs
     * hundreds of milliseconds cold, which the first paying client would otherwise wait for.
     */
    private static void warmUp() {
        BigInteger key = BigInteger.valueOf(0x5eed);
        PaymentContext context = new PaymentContext("0x0000000000000000000000000000000000000001", "USDC", "0", "warm-up", BigInteger.ONE);
        byte[] digest = PaymentTypedData.digest(context);
        Secp256k1.recoverAddress(digest, Secp256k1.sign(digest, key));
    }

    private static Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("service", "verifier");
        body.put("version", VERSION);
        return body;
    }

    public int port() {
        return http.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        http.close();
    }
}
