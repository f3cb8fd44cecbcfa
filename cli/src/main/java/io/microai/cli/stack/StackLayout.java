package io.microai.cli.stack;

import io.microai.cli.stack.UpOptions.UsageError;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.Env;
import io.microai.shared.metrics.MetricsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code stack up}, validated and resolved: every port, host and setting the service
 * kinds plan from. Building it checks everything that can be checked without starting anything.
 *
 * @param settings     the {@code --env-file} and {@code -e} settings, passed on to the Java services
 * @param env          the inherited environment with the settings over it: what the services will see
 * @param gatewayPorts one per gateway, consecutive from {@code --gateway-port}
 * @param redisPort    the private Redis's port with {@code --with-redis}, else 0
 * @param redisUrl     an existing Redis from {@code --redis}, else null
 * @param chain        the local payment network of {@code --with-chain}, or null without it
 */
record StackLayout(StackFiles files, Map<String, String> settings, Env env, String verifierHost, int verifierPort,
                   String gatewayHost, List<Integer> gatewayPorts, MetricsConfig metrics, boolean withPrometheus,
                   int prometheusPort, boolean withRedis, int redisPort, String redisUrl, Chain chain) {
    static final int MAX_GATEWAYS = 64;
    static final int MAX_CHAIN_WALLETS = 1000;

    /** The ports of the chain node and the facilitator, and how many wallets the deployment funds. */
    record Chain(int nodePort, int facilitatorPort, int wallets) {
    }

    static StackLayout from(UpOptions o, StackFiles files, Map<String, String> inherited) throws IOException {
        Map<String, String> settings = o.settings();
        Map<String, String> merged = new HashMap<>(inherited);
        merged.putAll(settings);
        Env env = new Env(merged);
        int vPort = port(o.verifierPort, "--verifier-port", env, "VERIFIER_PORT", VerifierApi.DEFAULT_PORT);
        int gPort = port(o.gatewayPort, "--gateway-port", env, "GATEWAY_PORT", GatewayApi.DEFAULT_PORT);
        int gateways = o.gateways;
        if (o.timeoutSeconds < 1 || o.timeoutSeconds > 3600) {
            throw new UsageError("--timeout must be between 1 and 3600 seconds, got " + o.timeoutSeconds);
        }
        if (gateways < 1 || gateways > MAX_GATEWAYS) {
            throw new UsageError("--gateways must be between 1 and " + MAX_GATEWAYS + ", got " + gateways);
        }
        if (o.redisUrl != null && o.withRedis) {
            throw new UsageError("give --redis URL or --with-redis, not both");
        }
        if (gateways > 1 && o.redisUrl == null && !o.withRedis) {
            throw new UsageError("--gateways " + gateways + " needs shared state: add --with-redis (a private redis-server)"
                    + " or --redis URL (redis://host:port)");
        }
        if (o.redisUrl != null && !o.redisUrl.matches("(?i)rediss?://\\S+")) {
            throw new UsageError("--redis expects redis://[[user]:password@]host[:port][/db] or rediss://..., got '" + o.redisUrl + "'");
        }
        if (o.redisPort != null && !o.withRedis) {
            throw new UsageError("--redis-port only applies with --with-redis");
        }
        if (gPort + gateways - 1 > 65535) {
            throw new UsageError("--gateways " + gateways + " from port " + gPort + " runs past port 65535");
        }
        List<Integer> gPorts = new ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            gPorts.add(gPort + i);
        }
        if (gPorts.contains(vPort)) {
            throw new UsageError(gateways == 1 ? "the gateway and the verifier cannot share port " + gPort
                    : "the verifier port " + vPort + " is inside the gateways' ports " + gPort + "-" + (gPort + gateways - 1));
        }
        if (o.withPrometheus) {
            port(o.prometheusPort, "--prometheus-port", env, null, PrometheusService.DEFAULT_PORT);
            if (gPorts.contains(o.prometheusPort) || o.prometheusPort == vPort) {
                throw new UsageError("Prometheus cannot share port " + o.prometheusPort + " with the gateway or the verifier");
            }
        }
        if (!o.withChain && (o.chainPort != null || o.facilitatorPort != null)) {
            throw new UsageError("--chain-port and --facilitator-port only apply with --with-chain");
        }
        if (o.chainWallets < 1 || o.chainWallets > MAX_CHAIN_WALLETS) {
            throw new UsageError("--chain-wallets must be between 1 and " + MAX_CHAIN_WALLETS + ", got " + o.chainWallets);
        }
        if (o.withRedis && o.redisPort != null) {
            port(o.redisPort, "--redis-port", env, null, HealthCheck.REDIS_DEFAULT_PORT);
            if (gPorts.contains(o.redisPort) || o.redisPort == vPort || o.withPrometheus && o.redisPort == o.prometheusPort) {
                throw new UsageError("Redis cannot share port " + o.redisPort + " with another service of the stack");
            }
        }
        String vHost = env.string("VERIFIER_HOST", Processes.LOOPBACK);
        String gHost = env.string("GATEWAY_HOST", Processes.LOOPBACK);
        // The services' own rule for METRICS_*; each service also checks the path against its own routes.
        MetricsConfig metrics = MetricsConfig.fromEnv(env, Set.of());
        if (o.withPrometheus && !metrics.enabled()) {
            throw new UsageError("--with-prometheus needs the metrics endpoints, but METRICS_ENABLED is false");
        }
        Set<Integer> taken = new HashSet<>(gPorts);
        taken.add(vPort);
        if (o.withPrometheus) {
            taken.add(o.prometheusPort);
        }
        int rPort = 0;
        if (o.withRedis) {
            rPort = o.redisPort != null ? o.redisPort : freePort(taken, "Redis", "--redis-port");
            taken.add(rPort);
        }
        Chain chain = null;
        if (o.withChain) {
            int node = chainPort(o.chainPort, "--chain-port", "chain node", taken, env);
            taken.add(node);
            int facilitator = chainPort(o.facilitatorPort, "--facilitator-port", "facilitator", taken, env);
            chain = new Chain(node, facilitator, o.chainWallets);
        }
        return new StackLayout(files, Map.copyOf(settings), env, vHost, vPort, gHost, List.copyOf(gPorts), metrics,
                o.withPrometheus, o.prometheusPort, o.withRedis, rPort, o.redisUrl, chain);
    }

    int gateways() {
        return gatewayPorts.size();
    }

    String verifierUrl() {
        return "http://" + Processes.connectHost(verifierHost) + ":" + verifierPort;
    }

    /** The Redis the gateways share nonces and rate limits in, or null when each keeps its own. */
    String sharedRedisUrl() {
        return withRedis ? HealthCheck.REDIS_SCHEME + Processes.LOOPBACK + ":" + redisPort : redisUrl;
    }

    /** The metrics endpoint of a service at {@code base}, or null when metrics are disabled. */
    String metricsUrl(String base) {
        return metrics.enabled() ? base + metrics.path() : null;
    }

    /** What both Java services get: the settings, and where each service listens and finds the other. */
    Map<String, String> serviceEnv() {
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.put("VERIFIER_PORT", Integer.toString(verifierPort));
        env.put("VERIFIER_HOST", verifierHost);
        env.put("GATEWAY_PORT", Integer.toString(gatewayPorts.get(0)));
        env.put("GATEWAY_HOST", gatewayHost);
        env.put("VERIFIER_URL", verifierUrl());
        return env;
    }

    /** host:port as Prometheus reaches a service bound to {@code bindHost}. */
    static String target(String bindHost, int port) {
        return Processes.connectHost(bindHost) + ":" + port;
    }

    private static int port(Integer flag, String option, Env env, String variable, int fallback) {
        if (flag != null) {
            if (flag < 1 || flag > 65535) {
                throw new UsageError(option + " must be a port between 1 and 65535, got " + flag);
            }
            return flag;
        }
        return variable == null ? fallback : env.port(variable, fallback);
    }

    private static int chainPort(Integer flag, String option, String what, Set<Integer> taken, Env env) throws IOException {
        if (flag == null) {
            return freePort(taken, "the " + what, option);
        }
        int port = port(flag, option, env, null, 0);
        if (taken.contains(port)) {
            throw new UsageError("the " + what + " cannot share port " + port + " with another service of the stack");
        }
        return port;
    }

    /** A port the OS says is free now, outside the stack's other ports. */
    private static int freePort(Set<Integer> taken, String what, String option) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Processes.LOOPBACK))) {
                port = socket.getLocalPort();
            }
            if (!taken.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("cannot find a free port for " + what + "; choose one with " + option);
    }
}
