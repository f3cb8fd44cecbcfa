package io.microai.cli.client;

import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayServer;
import io.microai.shared.config.Env;
import io.microai.shared.metrics.Metrics;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.util.HashMap;
import java.util.Map;

/** A real verifier and gateway on free loopback ports in this JVM, for the client commands to talk to. */
final class LiveGateway implements AutoCloseable {
    static final String SERVER_KEY = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    final String base;
    private final VerifierServer verifier;
    private final GatewayServer gateway;

    private LiveGateway(VerifierServer verifier, GatewayServer gateway) {
        this.verifier = verifier;
        this.gateway = gateway;
        this.base = "http://127.0.0.1:" + gateway.port();
    }

    /** Rate limits high enough that no load run here meets them; {@code settings} adds to or overrides them. */
    static LiveGateway start(Map<String, String> settings) {
        VerifierServer verifier = VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1"));
        try {
            Map<String, String> env = new HashMap<>(Map.of(
                    "VERIFIER_URL", "http://127.0.0.1:" + verifier.port(),
                    "SERVER_WALLET_PRIVATE_KEY", SERVER_KEY,
                    "RATE_LIMIT_ANONYMOUS_BURST", "100000", "RATE_LIMIT_ANONYMOUS_RPM", "1000000",
                    "RATE_LIMIT_STANDARD_BURST", "100000", "RATE_LIMIT_STANDARD_RPM", "1000000"));
            env.putAll(settings);
            GatewayServer gateway = GatewayServer.start(GatewayConfig.fromEnv(new Env(env)).withListener("127.0.0.1", 0), new Metrics());
            return new LiveGateway(verifier, gateway);
        } catch (RuntimeException e) {
            verifier.close();
            throw e;
        }
    }

    String receiptSignerAddress() {
        return gateway.receiptSignerAddress();
    }

    @Override
    public void close() {
        gateway.close();
        verifier.close();
    }
}
