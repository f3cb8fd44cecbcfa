package io.microai.cli.stack;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the verifier, then the gateway (wired to it), each in its own JVM, and wait until",
                "both are healthy. In the foreground (default) their logs follow and Ctrl-C stops both;",
                "with -d they keep running and 'microai stack status|logs|down' manage them.",
                "--gateways N starts a fleet of N gateways on consecutive ports sharing nonces and rate limits",
                "in Redis (--redis URL, or --with-redis for a private redis-server).",
                "--with-chain adds a local payment network: an anvil node, the test token deployed with funded",
                "wallets, and an x402 facilitator settling on it, which the gateways are configured for.",
                "Settings: the inherited environment, then --env-file, then -e; the services bind",
                "127.0.0.1 unless GATEWAY_HOST / VERIFIER_HOST say otherwise."})
final class StackUpCommand implements Callable<Integer> {
    @Mixin
    UpOptions options;

    @Mixin
    StateDirOption stateDir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant commandStart = jvmStart();
        PrintWriter out = spec.commandLine().getOut();
        StackFiles files = stateDir.files();
        StackPlan plan;
        try {
            plan = StackPlan.of(StackLayout.from(options, files, System.getenv()));
        } catch (UpOptions.UsageError e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Supervisor.refuseIfRunning(files, stateDir.hint(), out);
        plan.requirePortsFree();

        Supervisor supervisor = new Supervisor(files, options.detach, out);
        supervisor.start(plan, Duration.ofSeconds(options.timeoutSeconds));
        printStarted(supervisor.running(), plan, Duration.between(commandStart, Instant.now()), out);
        if (options.detach) {
            supervisor.handOff();
            out.println("running in the background; stop with: microai stack down" + stateDir.hint());
            out.flush();
            return 0;
        }
        return supervisor.superviseForeground();
    }

    private void printStarted(List<RunningService> running, StackPlan plan, Duration took, PrintWriter out) {
        for (RunningService s : running) {
            if (s.spec.startedNote() != null) {
                out.println(s.spec.startedNote());
            }
        }
        String nameColumn = "%-" + Math.max(10, running.stream().mapToInt(s -> s.name().length()).max().orElse(0)) + "s";
        for (RunningService s : running) {
            out.printf(Locale.ROOT, nameColumn + "  %-24s  %s  pid %d%n", s.name(), s.spec.url(), s.spec.summary(), s.process.pid());
        }
        out.printf(Locale.ROOT, "stack healthy in %.1f s%n", took.toMillis() / 1000.0);
        out.println("logs in " + plan.layout().files().logsDir() + " (microai stack logs" + stateDir.hint() + " [SERVICE] [-f])");
        out.flush();
        StackChain.of(plan.layout().files()).ifPresent(c -> out.println("chain " + c.deployment().network() + " at "
                + c.deployment().rpcUrl() + ": token " + c.deployment().token().name() + " " + c.deployment().token().address()
                + ", payTo " + c.deployment().payTo() + ", facilitator " + c.facilitatorUrl() + "; " + c.deployment().wallets().size()
                + " funded wallets, keys in " + c.keysFile() + " (microai pay and load use them)"));
        String sharedRedis = plan.layout().sharedRedisUrl();
        if (sharedRedis != null) {
            int gateways = plan.layout().gateways();
            out.println(gateways + (gateways == 1 ? " gateway shares" : " gateways share") + " nonces and rate limits in "
                    + sharedRedis.replaceFirst("(?i)^(rediss?://)[^@/]*@", "$1***@"));
        }
    }

    /**
     * When this JVM started: "stack up" is timed from there. Not the process's start instant, which
     * under scripts/microai (exec) would include the launcher's staleness check or rebuild.
     */
    private static Instant jvmStart() {
        try {
            return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        } catch (RuntimeException | LinkageError e) {
            return Instant.now();
        }
    }
}
