package io.microai.cli.client;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.config.Env;
import io.microai.shared.metrics.MetricsConfig;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Send concurrent paid traffic through the x402 flow and check the gateway counted it.",
                "Each flow is a challenge request (402) and a paid retry, in x402 v2 unless --protocol says otherwise",
                "(x402-v1, legacy, or several in turn). At the end the client's counts by",
                "status are compared with the gateway's " + GatewayFamilies.REQUESTS + " deltas; they must agree.",
                "Repeat --gateway for a fleet: flows go round-robin over the gateways and the deltas are summed;",
                "--spread sends each paid retry to the next gateway, so the nonce store must be shared.",
                "The gateways' metrics are read at $METRICS_PATH (default " + MetricsConfig.DEFAULT_PATH + "), with $METRICS_AUTH_TOKEN as",
                "a bearer token when it is set, as the services themselves read those variables."})
public final class LoadCommand implements Callable<Integer> {
    /**
     * The embedded summariser answers in milliseconds, a real AI provider under load can take tens of seconds;
     * an answer later than this counts as a transport error rather than holding the run forever.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    /** The HTTP client's threads: one per concurrent flow, and at least this many so a small -c never starves its I/O. */
    static final int MIN_HTTP_THREADS = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions options;

    /** Where the default gateway, METRICS_PATH and METRICS_AUTH_TOKEN come from; tests put their own here. */
    Env env = Env.system();

    @Override
    public Integer call() throws Exception {
        options.validate();
        List<String> bases = options.bases(GatewayHttp.fromEnvironment(env));
        GatewayMetrics metrics = GatewayMetrics.fromEnv(env);
        ExecutorService httpThreads = Executors.newFixedThreadPool(Math.max(MIN_HTTP_THREADS, options.concurrency));
        try {
            HttpClient http = GatewayHttp.client().version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
            List<X402Client> clients = bases.stream().map(b -> new X402Client(http, b, ANSWER_TIMEOUT)).toList();
            List<Wallet> wallets = options.payers(spec.commandLine().getErr());
            Reconciliation reconciliation = Reconciliation.before(metrics, bases);
            LoadStats stats = new LoadStats();
            double seconds;
            try (Timeline timeline = Timeline.open(options.timelineFile)) {
                seconds = runFlows(new LoadFlows(clients, wallets, options.protocols(), options.mix(), options.spread,
                        options.unpaid, stats, timeline), stats);
            }
            Reconciliation.Result counts = reconciliation.after(stats);
            new LoadReport(stats, seconds, counts, options.spread, options.protocols())
                    .print(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
            // A flow that could not pay did not test what was asked, even when every answer was counted.
            return counts.agree() && counts.paymentsAgree() && stats.unpayableFlows() == 0 ? 0 : 1;
        } finally {
            httpThreads.shutdownNow();
        }
    }

    /** Runs the flows with the progress line drawn; returns the seconds they took. */
    private double runFlows(LoadFlows flows, LoadStats stats) throws InterruptedException {
        long target = options.target();
        Progress progress = new Progress(stats, target == LoadOptions.UNBOUNDED ? Progress.NO_TARGET : target,
                spec.commandLine().getErr(), !options.noProgress);
        long started = System.nanoTime();
        progress.start();
        try {
            options.loop().run(flows::run, target, options.deadline(started));
        } finally {
            progress.stop();
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
