package io.microai.cli.stack;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of {@code stack up}, as given; {@link StackLayout#from} validates them. */
final class UpOptions {
    @Option(names = "--gateway-port", paramLabel = "PORT",
            description = "Gateway port, the first of the fleet's consecutive ports (default: GATEWAY_PORT from the settings, else "
                    + GatewayApi.DEFAULT_PORT + ").")
    Integer gatewayPort;

    @Option(names = "--gateways", paramLabel = "N", defaultValue = "1",
            description = "How many gateways (default: ${DEFAULT-VALUE}); more than one needs --redis or --with-redis.")
    int gateways;

    @Option(names = "--redis", paramLabel = "URL",
            description = "Share nonces, rate limits and receipts in this Redis (redis://host:port[/db]): NONCE_STORE=redis RATE_LIMIT_STORE=redis RECEIPT_STORE=redis.")
    String redisUrl;

    @Option(names = "--with-redis",
            description = "Also run a private redis-server (Debian package redis-server) on 127.0.0.1, without persistence, and share state there.")
    boolean withRedis;

    @Option(names = "--redis-port", paramLabel = "PORT",
            description = "Port of the private Redis with --with-redis (default: a free port).")
    Integer redisPort;

    @Option(names = "--verifier-port", paramLabel = "PORT",
            description = "Verifier port (default: VERIFIER_PORT from the settings, else " + VerifierApi.DEFAULT_PORT + ").")
    Integer verifierPort;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "KEY=VALUE lines for both services (# comments, blank lines, 'export ' and quotes allowed).")
    Path envFile;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "A setting for both services; repeatable; overrides --env-file.")
    List<String> assignments = new ArrayList<>();

    @Option(names = {"-d", "--detach"}, description = "Return once healthy and leave the services running.")
    boolean detach;

    @Option(names = "--with-prometheus",
            description = "Also run Prometheus (the 'prometheus' binary on PATH) scraping both services every "
                    + PrometheusService.SCRAPE_INTERVAL + ".")
    boolean withPrometheus;

    @Option(names = "--prometheus-port", paramLabel = "PORT", defaultValue = "" + PrometheusService.DEFAULT_PORT,
            description = "Prometheus port with --with-prometheus (default: ${DEFAULT-VALUE}).")
    int prometheusPort;

    @Option(names = "--with-chain",
            description = "Also run a local payment network: an anvil node (chain id " + ChainNodeService.CHAIN_ID + "), the test token"
                    + " deployed to it with funded wallets, and a facilitator settling on it; the gateways settle through it.")
    boolean withChain;

    @Option(names = "--chain-port", paramLabel = "PORT", description = "Port of the chain node with --with-chain (default: a free port).")
    Integer chainPort;

    @Option(names = "--facilitator-port", paramLabel = "PORT",
            description = "Port of the facilitator with --with-chain (default: a free port).")
    Integer facilitatorPort;

    @Option(names = "--chain-wallets", paramLabel = "K", defaultValue = "8",
            description = "Test wallets funded on the chain with --with-chain (default: ${DEFAULT-VALUE}).")
    int chainWallets;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long each service may take to become healthy (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** The settings for the services: the --env-file lines, then the -e assignments over them. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (envFile != null) {
            settings.putAll(EnvSettings.readEnvFile(envFile));
        }
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq < 0) {
                throw new UsageError("-e expects KEY=VALUE, got '" + assignment + "'");
            }
            String key = assignment.substring(0, eq);
            if (!EnvSettings.validKey(key)) {
                throw new UsageError("-e expects KEY=VALUE with a variable name as KEY, got '" + assignment + "'");
            }
            settings.put(key, assignment.substring(eq + 1));
        }
        return settings;
    }

    /** A bad combination of options; the command reports it as a usage error (exit code 2). */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
