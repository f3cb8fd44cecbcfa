package io.microai.cli.stack;

import io.microai.shared.config.Env;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the verifier, then the gateway (wired to it), each in its own JVM, and wait until",
                "both are healthy. In the foreground (default) their logs follow and Ctrl-C stops both;",
                "with -d they keep running and 'microai stack status|logs|down' manage them.",
                "--gateways N starts a fleet of N gateways on consecutive ports sharing nonces and rate limits",
                "in Redis (--redis URL, or --with-redis for a private redis-server).",
                "Settings: the inherited environment, then --env-file, then -e; the services bind",
                "127.0.0.1 unless GATEWAY_HOST / VERIFIER_HOST say otherwise."})
final class StackUpCommand implements Callable<Integer> {
    static final String VERIFIER = "verifier";
    static final String GATEWAY = "gateway";
    static final String PROMETHEUS = "prometheus";
    static final String REDIS = "redis";
    static final List<String> SERVICES = List.of(VERIFIER, GATEWAY, PROMETHEUS, REDIS);
    static final String REDIS_BINARY = "redis-server";
    static final int MAX_GATEWAYS = 64;
    static final String JAVA_OPTS = "MICROAI_STACK_JAVA_OPTS";

    @Option(names = "--gateway-port", paramLabel = "PORT",
            description = "Gateway port, the first of the fleet's consecutive ports (default: GATEWAY_PORT from the settings, else 3000).")
    Integer gatewayPort;

    @Option(names = "--gateways", paramLabel = "N", defaultValue = "1",
            description = "How many gateways (default: ${DEFAULT-VALUE}); more than one needs --redis or --with-redis.")
    int gateways;

    @Option(names = "--redis", paramLabel = "URL",
            description = "Share nonces and rate limits in this Redis (redis://host:port[/db]): NONCE_STORE=redis RATE_LIMIT_STORE=redis.")
    String redisUrl;

    @Option(names = "--with-redis",
            description = "Also run a private redis-server (Debian package redis-server) on 127.0.0.1, without persistence, and share state there.")
    boolean withRedis;

    @Option(names = "--redis-port", paramLabel = "PORT",
            description = "Port of the private Redis with --with-redis (default: a free port).")
    Integer redisPort;

    @Option(names = "--verifier-port", paramLabel = "PORT",
            description = "Verifier port (default: VERIFIER_PORT from the settings, else 3002).")
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
            description = "Also run Prometheus (the 'prometheus' binary on PATH) scraping both services every 5s.")
    boolean withPrometheus;

    @Option(names = "--prometheus-port", paramLabel = "PORT", defaultValue = "9090",
            description = "Prometheus port with --with-prometheus (default: ${DEFAULT-VALUE}).")
    int prometheusPort;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long each service may take to become healthy (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    StateDirOption stateDir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant commandStart = jvmStart();
        PrintWriter out = spec.commandLine().getOut();
        StackFiles files = stateDir.files();

        Map<String, String> settings = settings();
        Map<String, String> merged = new HashMap<>(System.getenv());
        merged.putAll(settings);
        Env env = new Env(merged);
        int vPort = port(verifierPort, "--verifier-port", env, "VERIFIER_PORT", 3002);
        int gPort = port(gatewayPort, "--gateway-port", env, "GATEWAY_PORT", 3000);
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw usage("--timeout must be between 1 and 3600 seconds, got " + timeoutSeconds);
        }
        if (gateways < 1 || gateways > MAX_GATEWAYS) {
            throw usage("--gateways must be between 1 and " + MAX_GATEWAYS + ", got " + gateways);
        }
        if (redisUrl != null && withRedis) {
            throw usage("give --redis URL or --with-redis, not both");
        }
        if (gateways > 1 && redisUrl == null && !withRedis) {
            throw usage("--gateways " + gateways + " needs shared state: add --with-redis (a private redis-server)"
                    + " or --redis URL (redis://host:port)");
        }
        if (redisUrl != null && !redisUrl.matches("(?i)rediss?://\\S+")) {
            throw usage("--redis expects redis://[[user]:password@]host[:port][/db] or rediss://..., got '" + redisUrl + "'");
        }
        if (redisPort != null && !withRedis) {
            throw usage("--redis-port only applies with --with-redis");
        }
        if (gPort + gateways - 1 > 65535) {
            throw usage("--gateways " + gateways + " from port " + gPort + " runs past port 65535");
        }
        List<Integer> gPorts = new ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            gPorts.add(gPort + i);
        }
        if (gPorts.contains(vPort)) {
            throw usage(gateways == 1 ? "the gateway and the verifier cannot share port " + gPort
                    : "the verifier port " + vPort + " is inside the gateways' ports " + gPort + "-" + (gPort + gateways - 1));
        }
        if (withPrometheus) {
            port(prometheusPort, "--prometheus-port", env, null, 9090);
            if (gPorts.contains(prometheusPort) || prometheusPort == vPort) {
                throw usage("Prometheus cannot share port " + prometheusPort + " with the gateway or the verifier");
            }
        }
        if (withRedis && redisPort != null) {
            port(redisPort, "--redis-port", env, null, 6379);
            if (gPorts.contains(redisPort) || redisPort == vPort || withPrometheus && redisPort == prometheusPort) {
                throw usage("Redis cannot share port " + redisPort + " with another service of the stack");
            }
        }
        String vHost = env.string("VERIFIER_HOST", "127.0.0.1");
        String gHost = env.string("GATEWAY_HOST", "127.0.0.1");
        boolean metrics = env.bool("METRICS_ENABLED", true);
        String metricsPath = env.string("METRICS_PATH", "/metrics");
        if (withPrometheus && !metrics) {
            throw usage("--with-prometheus needs the metrics endpoints, but METRICS_ENABLED is false");
        }
        Path prometheus = withPrometheus ? PrometheusSetup.binary() : null;
        Path redisServer = withRedis ? redisBinary() : null;
        Path java = Processes.javaExecutable();
        Path jar = Processes.thisJar();
        List<String> javaOpts = Arrays.stream(env.string(JAVA_OPTS, "").split("\\s+")).filter(s -> !s.isEmpty()).toList();

        refuseIfRunning(files, out);
        requireFree(VERIFIER, vHost, vPort, "--verifier-port");
        for (int i = 0; i < gateways; i++) {
            requireFree(gatewayName(i), gHost, gPorts.get(i), gateways == 1 ? "--gateway-port"
                    : "--gateway-port (the fleet uses ports " + gPort + "-" + (gPort + gateways - 1) + ")");
        }
        if (withPrometheus) {
            requireFree(PROMETHEUS, "127.0.0.1", prometheusPort, "--prometheus-port");
        }
        int rPort = 0;
        if (withRedis) {
            rPort = redisPort != null ? redisPort : freeRedisPort(vPort, gPorts, withPrometheus ? prometheusPort : -1);
            requireFree(REDIS, "127.0.0.1", rPort, "--redis-port");
        }
        Files.createDirectories(files.logsDir());

        String verifierUrl = "http://" + Processes.connectHost(vHost) + ":" + vPort;
        Map<String, String> serviceEnv = new LinkedHashMap<>(settings);
        serviceEnv.put("VERIFIER_PORT", Integer.toString(vPort));
        serviceEnv.put("VERIFIER_HOST", vHost);
        serviceEnv.put("GATEWAY_PORT", Integer.toString(gPort));
        serviceEnv.put("GATEWAY_HOST", gHost);
        serviceEnv.put("VERIFIER_URL", verifierUrl);
        String sharedRedis = withRedis ? "redis://127.0.0.1:" + rPort : redisUrl;

        Stack stack = new Stack(files, detach, out);
        Thread hook = new Thread(stack::shutdown, "microai-stack-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try {
            if (withRedis) {
                Path redisDir = files.dir().resolve("redis");
                Files.createDirectories(redisDir);
                String url = "redis://127.0.0.1:" + rPort;
                // Redis rewrites its process title to "redis-server 127.0.0.1:PORT"; that is the marker.
                Launched redis = stack.launch(REDIS, REDIS, List.of(redisServer.toString(), "--port", Integer.toString(rPort),
                                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir.toString(),
                                "--daemonize", "no", "--logfile", ""),
                        Map.of(), files.log(REDIS), "127.0.0.1", rPort, url, url, null, "127.0.0.1:" + rPort);
                stack.awaitHealthy(redis, timeout);
            }
            Launched verifier = stack.launch(VERIFIER, VERIFIER, javaCommand(java, javaOpts, jar, files, VERIFIER), serviceEnv,
                    files.log(VERIFIER), vHost, vPort, verifierUrl, verifierUrl + "/health",
                    metrics ? verifierUrl + metricsPath : null, marker(files, VERIFIER));
            stack.awaitHealthy(verifier, timeout);
            List<Launched> fleet = new ArrayList<>();
            List<String> gatewayTargets = new ArrayList<>();
            for (int i = 0; i < gateways; i++) {
                String name = gatewayName(i);
                int port = gPorts.get(i);
                String url = "http://" + Processes.connectHost(gHost) + ":" + port;
                Map<String, String> gatewayEnv = new LinkedHashMap<>(serviceEnv);
                gatewayEnv.put("GATEWAY_PORT", Integer.toString(port));
                if (sharedRedis != null) {
                    gatewayEnv.put("NONCE_STORE", "redis");
                    gatewayEnv.put("RATE_LIMIT_STORE", "redis");
                    gatewayEnv.put("REDIS_URL", sharedRedis);
                }
                // Started together (they do not depend on each other), then awaited one by one.
                fleet.add(stack.launch(name, GATEWAY, javaCommand(java, javaOpts, jar, files, GATEWAY, name), gatewayEnv,
                        files.log(name), gHost, port, url, url + "/healthz",
                        metrics ? url + metricsPath : null, marker(files, name)));
                gatewayTargets.add(hostPort(gHost, port));
            }
            for (Launched gateway : fleet) {
                stack.awaitHealthy(gateway, timeout);
            }
            if (withPrometheus) {
                String source = PrometheusSetup.writeConfig(files.prometheusConfig(),
                        gatewayTargets, hostPort(vHost, vPort), metricsPath,
                        gateways > 1 ? files.prometheusTargets() : null);
                Files.createDirectories(files.prometheusData());
                String url = "http://127.0.0.1:" + prometheusPort;
                String dataFlag = "--storage.tsdb.path=" + files.prometheusData();
                Launched prom = stack.launch(PROMETHEUS, PROMETHEUS, List.of(prometheus.toString(),
                                "--config.file=" + files.prometheusConfig(), dataFlag,
                                "--web.listen-address=127.0.0.1:" + prometheusPort),
                        Map.of(), files.log(PROMETHEUS), "127.0.0.1", prometheusPort, url, url + "/-/ready", null, dataFlag);
                stack.awaitHealthy(prom, timeout);
                out.println("prometheus config " + files.prometheusConfig() + " (" + source + ")");
            }
            stack.recordCommands();
        } catch (Exception e) {
            stack.abort();
            throw e;
        }

        Duration took = Duration.between(commandStart, Instant.now());
        for (Launched s : stack.launched) {
            out.printf(Locale.ROOT, "%-10s  %-24s  %s  pid %d%n", s.name, s.url,
                    s.metricsUrl != null ? "metrics " + s.metricsUrl : "(" + (s.role.equals(PROMETHEUS) ? "ready " + s.healthUrl
                            : s.role.equals(REDIS) ? "PING answers +PONG" : "metrics disabled") + ")",
                    s.process.pid());
        }
        out.printf(Locale.ROOT, "stack healthy in %.1f s%n", took.toMillis() / 1000.0);
        out.println("logs in " + files.logsDir() + " (microai stack logs" + stateDir.hint() + " [SERVICE] [-f])");
        out.flush();
        if (sharedRedis != null) {
            out.println(gateways + (gateways == 1 ? " gateway shares" : " gateways share") + " nonces and rate limits in "
                    + redactedRedis(sharedRedis));
        }
        if (detach) {
            stack.handOff();
            out.println("running in the background; stop with: microai stack down" + stateDir.hint());
            out.flush();
            return 0;
        }
        return stack.superviseForeground();
    }

    /**
     * When this JVM started: "stack up" is timed from there. Not the process's start instant, which
     * under scripts/microai (exec) would include the launcher's staleness check or rebuild.
     */
    private static Instant jvmStart() {
        try {
            return Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        } catch (RuntimeException | LinkageError e) {
            return Instant.now();
        }
    }

    // ---- settings ----

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (envFile != null) {
            settings.putAll(EnvSettings.readEnvFile(envFile));
        }
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq < 0) {
                throw usage("-e expects KEY=VALUE, got '" + assignment + "'");
            }
            String key = assignment.substring(0, eq);
            if (!EnvSettings.validKey(key)) {
                throw usage("-e expects KEY=VALUE with a variable name as KEY, got '" + assignment + "'");
            }
            settings.put(key, assignment.substring(eq + 1));
        }
        return settings;
    }

    private int port(Integer flag, String option, Env env, String variable, int fallback) {
        if (flag != null) {
            if (flag < 1 || flag > 65535) {
                throw usage(option + " must be a port between 1 and 65535, got " + flag);
            }
            return flag;
        }
        return variable == null ? fallback : env.port(variable, fallback);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static List<String> javaCommand(Path java, List<String> javaOpts, Path jar, StackFiles files, String service) {
        return javaCommand(java, javaOpts, jar, files, service, service);
    }

    /** {@code name} tells the processes of a fleet apart in the marker; {@code role} is the microai command. */
    private static List<String> javaCommand(Path java, List<String> javaOpts, Path jar, StackFiles files, String role, String name) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(javaOpts);
        command.add(marker(files, name));
        command.addAll(List.of("-jar", jar.toString(), role));
        return command;
    }

    /** An argument that ties a service process to this state directory (also used to find it). */
    static String marker(StackFiles files, String service) {
        return "-Dmicroai.stack.service=" + service + "@" + files.dir();
    }

    /** "gateway" alone (as before fleets), else gateway-1..N. */
    private String gatewayName(int index) {
        return gateways == 1 ? GATEWAY : GATEWAY + "-" + (index + 1);
    }

    static Path redisBinary() {
        return Processes.onPath(REDIS_BINARY).orElseThrow(() -> new IllegalStateException(
                "--with-redis needs the 'redis-server' binary on PATH; install the Debian package redis-server"
                        + " (apt-get install -y redis-server) or give --redis URL"));
    }

    /** A port the OS says is free now, outside the stack's other ports. */
    private static int freeRedisPort(int vPort, List<Integer> gPorts, int promPort) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                port = socket.getLocalPort();
            }
            if (port != vPort && port != promPort && !gPorts.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("cannot find a free port for Redis; choose one with --redis-port");
    }

    private static String redactedRedis(String url) {
        return url.replaceFirst("(?i)^(rediss?://)[^@/]*@", "$1***@");
    }

    private static String hostPort(String bindHost, int port) {
        return Processes.connectHost(bindHost) + ":" + port;
    }

    private void refuseIfRunning(StackFiles files, PrintWriter out) throws IOException {
        Optional<StackState> existing = StackState.read(files);
        if (existing.isEmpty()) {
            return;
        }
        List<String> running = new ArrayList<>();
        for (StackState.ServiceRecord s : existing.get().services()) {
            if (Processes.check(s.process(), s.marker()).liveness() == Processes.Liveness.RUNNING) {
                running.add(s.name() + " pid " + s.pid());
            }
        }
        StackState.ProcessRecord supervisor = existing.get().supervisor();
        if (supervisor != null && Processes.check(supervisor, null).liveness() == Processes.Liveness.RUNNING) {
            running.add("supervisor pid " + supervisor.pid());
        }
        if (!running.isEmpty()) {
            throw new IllegalStateException("a stack is already running from " + files.dir() + " (" + String.join(", ", running)
                    + "); stop it with 'microai stack down" + stateDir.hint() + "' or use another --state-dir");
        }
        Files.deleteIfExists(files.stateFile());
        out.println("removed the state of a stack that is no longer running (" + files.stateFile() + ")");
    }

    private void requireFree(String service, String host, int port, String option) {
        if (!Processes.portFree(host, port)) {
            throw new IllegalStateException("cannot start the " + service + ": port " + port + " on " + host
                    + " is already in use; free it or choose another with " + option);
        }
    }

    // ---- the running stack ----

    /** One started process. */
    static final class Launched {
        final String name;
        final String role;
        final Process process;
        final Path log;
        final String host;
        final int port;
        final String url;
        final String healthUrl;
        final String metricsUrl;
        final String marker;
        final Instant startedAt;
        final String processStart;
        volatile String command;

        Launched(String name, String role, Process process, Path log, String host, int port, String url, String healthUrl,
                 String metricsUrl, String marker) {
            this.name = name;
            this.role = role;
            this.process = process;
            this.log = log;
            this.host = host;
            this.port = port;
            this.url = url;
            this.healthUrl = healthUrl;
            this.metricsUrl = metricsUrl;
            this.marker = marker;
            this.startedAt = Instant.now();
            this.processStart = process.toHandle().info().startInstant().map(Instant::toString).orElse(null);
        }

        StackState.ServiceRecord record() {
            return new StackState.ServiceRecord(name, process.pid(), host, port, url, healthUrl, metricsUrl,
                    log.toString(), startedAt.toString(), processStart, command, marker, role);
        }
    }

    /** The processes this command started, how to stop them, and the state file describing them. */
    static final class Stack {
        final StackFiles files;
        final boolean detach;
        final PrintWriter out;
        final List<Launched> launched = Collections.synchronizedList(new ArrayList<>());
        final Instant startedAt = Instant.now();
        private volatile boolean handedOff;
        private volatile boolean stopping;
        private boolean stopped;
        private final List<LogFiles.Follower> followers = new ArrayList<>();

        Stack(StackFiles files, boolean detach, PrintWriter out) {
            this.files = files;
            this.detach = detach;
            this.out = out;
        }

        Launched launch(String name, String role, List<String> command, Map<String, String> env, Path log, String host, int port,
                        String url, String healthUrl, String metricsUrl, String marker) throws IOException {
            List<String> full = new ArrayList<>();
            if (detach) {
                // Its own session: closing the terminal (SIGHUP) does not take a detached stack down.
                Processes.onPath("setsid").ifPresent(setsid -> full.add(setsid.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                pb.redirectInput(devNull);
            }
            pb.environment().putAll(env);
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
            }
            Launched l = new Launched(name, role, process, log, host, port, url, healthUrl, metricsUrl, marker);
            launched.add(l);
            writeState();
            return l;
        }

        void awaitHealthy(Launched l, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (!l.process.isAlive()) {
                    l.process.waitFor();
                    throw new IllegalStateException(l.name + " exited during start (exit code " + l.process.exitValue()
                            + "); " + LogFiles.quote(l.log, 10));
                }
                if (Processes.healthy(l.healthUrl)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(l.name + " was not healthy at " + l.healthUrl + " within "
                            + timeout.toSeconds() + " s; " + LogFiles.quote(l.log, 10));
                }
                Thread.sleep(100);
            }
        }

        /** Records each command line as the OS shows it, now that every process has exec'd its program. */
        void recordCommands() throws IOException {
            for (Launched l : launched) {
                l.command = l.process.toHandle().info().commandLine().orElse(null);
            }
            writeState();
        }

        void writeState() throws IOException {
            StackState.ProcessRecord supervisor = null;
            if (!detach) {
                ProcessHandle self = ProcessHandle.current();
                supervisor = new StackState.ProcessRecord(self.pid(),
                        self.info().startInstant().map(Instant::toString).orElse(null),
                        self.info().commandLine().orElse(null));
            }
            List<StackState.ServiceRecord> records;
            synchronized (launched) {
                records = launched.stream().map(Launched::record).toList();
            }
            new StackState(StackState.VERSION, detach ? StackState.DETACHED : StackState.FOREGROUND,
                    files.dir().toString(), startedAt.toString(), supervisor, records).write(files);
        }

        /** Detached and healthy: the services outlive this process. */
        void handOff() {
            handedOff = true;
        }

        /** A failed start: stop what was started, quietly, and forget it. */
        void abort() {
            stopAll(false);
        }

        /** The shutdown hook: Ctrl-C or SIGTERM to this process. */
        void shutdown() {
            if (handedOff) {
                return;
            }
            stopping = true;
            followers.forEach(LogFiles.Follower::stop);
            stopAll(!detach && !launched.isEmpty());
        }

        synchronized void stopAll(boolean verbose) {
            if (stopped) {
                return;
            }
            stopped = true;
            List<Launched> reversed;
            synchronized (launched) {
                reversed = new ArrayList<>(launched);
            }
            Collections.reverse(reversed);
            if (verbose) {
                out.println("stopping the stack...");
                out.flush();
            }
            for (Launched l : reversed) {
                boolean wasAlive = l.process.isAlive();
                Processes.Stopped result = Processes.stop(l.process.toHandle(), Duration.ofSeconds(10));
                try {
                    l.process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (verbose && wasAlive) {
                    out.println(l.name + " " + (result == Processes.Stopped.EXITED ? "stopped"
                            : result == Processes.Stopped.KILLED ? "killed (did not stop within 10 s)" : "could not be stopped (pid " + l.process.pid() + ")"));
                    out.flush();
                }
            }
            deleteOwnState();
            if (verbose) {
                out.println("stack stopped");
                out.flush();
            }
        }

        /** Deletes the state file unless it now describes someone else's stack. */
        private void deleteOwnState() {
            try {
                Optional<StackState> current = StackState.read(files);
                if (current.isEmpty()) {
                    return;
                }
                List<Long> ours;
                synchronized (launched) {
                    ours = launched.stream().map(l -> l.process.pid()).toList();
                }
                boolean mine = current.get().services().stream().allMatch(s -> ours.contains(s.pid()));
                if (mine) {
                    Files.deleteIfExists(files.stateFile());
                }
            } catch (IOException | RuntimeException e) {
                // Best effort: a leftover state file is detected as stale by the next command.
            }
        }

        /** Foreground: follow the logs until Ctrl-C, or fail if a service dies on its own. */
        int superviseForeground() throws InterruptedException {
            out.println("running in the foreground; Ctrl-C stops the stack. Logs:");
            out.flush();
            int width = launched.stream().mapToInt(l -> l.name.length()).max().orElse(8);
            for (Launched l : launched) {
                LogFiles.Follower f = new LogFiles.Follower(l.log, String.format(Locale.ROOT, "%-" + width + "s | ", l.name), out, 0);
                followers.add(f);
                f.start("follow-" + l.name);
            }
            while (true) {
                Thread.sleep(200);
                if (stopping) {
                    continue; // the shutdown hook is stopping everything; the JVM exits when it is done
                }
                for (Launched l : List.copyOf(launched)) {
                    if (!l.process.isAlive() && !stopping) {
                        Thread.sleep(400); // let the followers print its last words
                        followers.forEach(LogFiles.Follower::stop);
                        String message = l.name + " exited unexpectedly (exit code " + l.process.exitValue() + "); "
                                + LogFiles.quote(l.log, 10);
                        stopAll(true);
                        throw new IllegalStateException(message);
                    }
                }
            }
        }
    }
}
