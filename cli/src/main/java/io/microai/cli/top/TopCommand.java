package io.microai.cli.top;

import io.microai.cli.Durations;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.VerifierFamilies;
import io.microai.shared.metrics.MetricsConfig;
import io.microai.shared.scrape.ScrapeResult;
import io.microai.shared.scrape.Scraper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code microai metrics top}: a live terminal dashboard of the stack, computed from the targets'
 * own {@code /metrics} (no Prometheus server). {@code --once} and {@code --json} are the modes for
 * scripts and tests.
 */
@Command(name = "top", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Live terminal dashboard of the gateway and verifier, scraped directly from their /metrics.",
                "Keys: q quit, p pause, s sort, / filter, ↑↓ scroll, w window 1m/5m, i per-instance, ? help.",
                "Exit code 0 ok, 1 no target reachable (or none configured), 2 usage error."},
        footer = {"", "Examples:",
                "  microai metrics top                                   # the stack started by 'microai stack up'",
                "  microai metrics top --target " + GatewayApi.DEFAULT_URL + MetricsConfig.DEFAULT_PATH
                        + " --target http://127.0.0.1:3001" + MetricsConfig.DEFAULT_PATH,
                "  microai metrics top --once --no-color --interval 1s   # one plain frame",
                "  microai metrics top --once --json | jq .gateway.requests_per_second"})
public final class TopCommand implements Callable<Integer> {
    @Option(names = "--target", paramLabel = "URL",
            description = "A /metrics URL to scrape (repeatable). Its role comes from its families: gateway if it exports"
                    + " " + GatewayFamilies.REQUESTS + ", verifier if " + VerifierFamilies.REQUESTS + ".")
    List<String> targets = new ArrayList<>();

    @Option(names = "--gateway-target", paramLabel = "URL", description = "A gateway's /metrics URL (repeatable).")
    List<String> gatewayTargets = new ArrayList<>();

    @Option(names = "--verifier-target", paramLabel = "URL", description = "A verifier's /metrics URL (repeatable).")
    List<String> verifierTargets = new ArrayList<>();

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Without targets: watch the stack whose state is in DIR (default: $MICROAI_STATE_DIR, else .microai).")
    Path stateDir;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = Durations.Converter.class,
            description = "Refresh interval, e.g. 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.Converter.class,
            description = "Rate window at start; 'w' toggles 1m/5m (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--once", description = "Take two scrapes --interval apart, print one frame (or one JSON object) and exit.")
    boolean once;

    @Option(names = "--json", description = "Print the figures as JSON, one object per line per refresh (exactly one with --once).")
    boolean json;

    @Option(names = "--no-color", description = "No colours (--once output to a pipe never has any).")
    boolean noColor;

    @Option(names = "--p99-warn", paramLabel = "DURATION", defaultValue = "250ms", converter = Durations.Converter.class,
            description = "p99 latency above this is red (default: ${DEFAULT-VALUE}).")
    Duration p99Warn;

    @Option(names = "--success-warn", paramLabel = "PERCENT", defaultValue = "99",
            description = "A verification success below this percentage is yellow (default: ${DEFAULT-VALUE}).")
    double successWarn;

    @Option(names = {"--error-warn", "--5xx-warn"}, paramLabel = "PERCENT", defaultValue = "1",
            description = "A 5xx share above this percentage is red (default: ${DEFAULT-VALUE}).")
    double errorWarn;

    @Option(names = "--spark", paramLabel = "N", defaultValue = "60",
            description = "Samples kept for the sparklines (default: ${DEFAULT-VALUE}).")
    int sparkSamples;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.Converter.class,
            description = "Scrape timeout per target (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Width of the --once frame (default: $COLUMNS, else 120).")
    Integer width;

    @Option(names = "--debug-timing", description = "Show what a refresh costs (scrape wall time, compute+render CPU).")
    boolean debugTiming;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Target> list;
        try {
            list = targets();
        } catch (IllegalStateException e) {
            err.println("microai: " + e.getMessage());
            err.flush();
            return 1;
        }
        Scraper scraper = new Scraper(Scraper.Options.defaults().withTimeouts(timeout, timeout));
        Duration longest = window.compareTo(ViewState.LONG_WINDOW) > 0 ? window : ViewState.LONG_WINDOW;
        Monitor monitor = new Monitor(list, scraper, interval, once ? interval : json ? window : longest, sparkSamples);

        List<ScrapeResult> first = monitor.refresh();
        if (first.stream().noneMatch(ScrapeResult::ok)) {
            StringBuilder why = new StringBuilder("no metrics target is reachable:");
            for (ScrapeResult r : first) {
                why.append(' ').append(r.target()).append(" (").append(r instanceof ScrapeResult.Failure f ? f.error() : "?").append(')').append(';');
            }
            why.setLength(why.length() - 1);
            err.println("microai: " + why);
            err.flush();
            return 1;
        }
        ViewState view = view();
        if (once) {
            Thread.sleep(interval.toMillis());
            monitor.refresh();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            Snapshot snap = monitor.snapshot(interval);
            if (json) {
                out.println(snap.figures().toJson());
            } else {
                view.window = interval;
                view.interactive = false;
                view.color = !noColor && System.console() != null;
                view.ascii = !canEncode(stdoutCharset());
                if (debugTiming) {
                    snap = snap.withCpuMillis(monitor.lastRecordCpuMillis()
                            + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e6);
                }
                var lines = Renderer.render(snap, view, onceWidth(), 10_000);
                out.print(view.color ? Renderer.ansi(lines) : Renderer.plain(lines));
            }
            out.flush();
            return 0;
        }
        if (json) {
            return stream(monitor, out);
        }
        return interactive(monitor, view, err);
    }

    private int stream(Monitor monitor, PrintWriter out) throws InterruptedException {
        long next = System.nanoTime() + interval.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval.toNanos();
            monitor.refresh();
            out.println(monitor.snapshot(window).figures().toJson());
            out.flush();
            if (out.checkError()) {
                return 0; // the reader went away (| head)
            }
        }
        return 0;
    }

    private int interactive(Monitor monitor, ViewState view, PrintWriter err) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            if (terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
                err.println("microai: metrics top needs an interactive terminal; use --once or --json in scripts");
                err.flush();
                return 2;
            }
            view.ascii = !canEncode(terminal.encoding());
            view.color = !noColor;
            new TerminalUi(terminal, monitor, view).run();
        }
        return 0;
    }

    private ViewState view() {
        ViewState v = new ViewState();
        v.window = window;
        v.thresholds = Thresholds.of(p99Warn, successWarn, errorWarn);
        v.debugTiming = debugTiming;
        v.color = !noColor;
        return v;
    }

    List<Target> targets() {
        List<Target> out = new ArrayList<>();
        gatewayTargets.forEach(u -> out.add(new Target(u, Target.Role.GATEWAY)));
        verifierTargets.forEach(u -> out.add(new Target(u, Target.Role.VERIFIER)));
        targets.forEach(u -> out.add(new Target(u, Target.Role.AUTO)));
        if (!out.isEmpty()) {
            return out;
        }
        return StackTargets.read(StackTargets.stateDir(stateDir, System.getenv(StackTargets.ENV)));
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new CommandLine.ParameterException(cl, "--interval must be at least 100ms");
        }
        if (!(successWarn >= 0 && successWarn <= 100)) {
            throw new CommandLine.ParameterException(cl, "--success-warn must be a percentage between 0 and 100");
        }
        if (!(errorWarn >= 0 && errorWarn <= 100)) {
            throw new CommandLine.ParameterException(cl, "--error-warn must be a percentage between 0 and 100");
        }
        if (sparkSamples < 1 || sparkSamples > 1000) {
            throw new CommandLine.ParameterException(cl, "--spark must be between 1 and 1000");
        }
        if (width != null && (width < 20 || width > 1000)) {
            throw new CommandLine.ParameterException(cl, "--width must be between 20 and 1000");
        }
        for (String u : concat(targets, gatewayTargets, verifierTargets)) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new CommandLine.ParameterException(cl, "'" + u + "' is not a URL: a target is a full /metrics URL,"
                        + " e.g. " + GatewayApi.DEFAULT_URL + MetricsConfig.DEFAULT_PATH);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private int onceWidth() {
        if (width != null) {
            return width;
        }
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[0-9]{2,4}")) {
            return Math.max(20, Integer.parseInt(columns));
        }
        return 120;
    }

    private static Charset stdoutCharset() {
        String enc = System.getProperty("sun.stdout.encoding");
        try {
            return enc != null ? Charset.forName(enc) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    static boolean canEncode(Charset charset) {
        return charset != null && charset.newEncoder().canEncode(Sparkline.BLOCKS + "–…─│┌┐└┘↑↓·⇄");
    }
}
