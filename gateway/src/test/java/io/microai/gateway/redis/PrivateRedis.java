package io.microai.gateway.redis;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.store.RedisConnector;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.testing.Exposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private Redis for one test class (register it as a static extension): started before the first
 * test and stopped after the last; before each test it is emptied and a fresh metrics registry is made,
 * and after each test every connector opened through it is closed.
 */
final class PrivateRedis implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final List<RedisConnector> connectors = new ArrayList<>();
    private RedisServer server;
    private Metrics metrics;
    private GatewayMetrics gatewayMetrics;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.flushAll();
        metrics = new Metrics();
        gatewayMetrics = new GatewayMetrics(metrics);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        connectors.forEach(RedisConnector::close);
        connectors.clear();
    }

    /** A connector to this Redis, counting into this test's registry. */
    RedisConnector connector() {
        return connector(server.url());
    }

    /** A connector to {@code url} (say, a closed port), counting into this test's registry. */
    RedisConnector connector(String url) {
        RedisConnector c = new RedisConnector(url, Duration.ofMillis(500), gatewayMetrics);
        connectors.add(c);
        return c;
    }

    /** Runs one command on the server directly and returns its raw RESP reply line. */
    String command(String... args) throws Exception {
        return server.command(args);
    }

    long pttl(String key) throws Exception {
        return Long.parseLong(command("PTTL", key).substring(1));
    }

    /** This test's exposition. */
    String scrape() {
        return Exposition.text(metrics);
    }
}
