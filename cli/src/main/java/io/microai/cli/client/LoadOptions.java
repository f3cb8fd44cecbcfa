package io.microai.cli.client;

import io.microai.cli.Durations;
import io.microai.cli.stack.StackFiles;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.api.GatewayApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The options of {@code microai load}, and the checks that turn an impossible combination into a usage error before any traffic. */
final class LoadOptions {
    /** Flows run when neither -n nor --duration is given: enough for stable percentiles, over in seconds. */
    static final long DEFAULT_FLOWS = 200;
    /** The target of a --duration run: no count, the clock ends it. */
    static final long UNBOUNDED = Long.MAX_VALUE;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL",
            description = "Gateway base URL; repeat for a fleet (round-robin; default: $" + GatewayHttp.ENV + ", else "
                    + GatewayApi.DEFAULT_URL + ").")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--protocol", split = ",", paramLabel = "x402|x402-v1|legacy|mixed",
            description = "Payment protocol of the paid retries (default: x402); repeat it or give a comma list"
                    + " to send them in turn, 'mixed' for all three.")
    List<String> protocols = new ArrayList<>();

    @Option(names = "--spread", description = "Send each flow's paid retry to the next gateway than its challenge (needs two --gateway and a shared nonce store).")
    boolean spread;

    @Option(names = "--garbled-ratio", defaultValue = "0",
            description = "Share of flows whose paid retry carries garbled payment headers: junk or truncated signatures, junk nonces (default: ${DEFAULT-VALUE}).")
    double garbledRatio;

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "Write one line per response: epoch_ms gateway_index step status (status 'error' for a transport error).")
    Path timelineFile;

    @Option(names = {"-n", "--requests"}, description = "Number of paid flows to run (default " + DEFAULT_FLOWS + " unless --duration).")
    Long flows;

    @Option(names = "--duration", converter = Durations.Converter.class, description = "Run for this long instead (e.g. 30s, 2m).")
    Duration duration;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "8", description = "Concurrent flows (closed loop), or the cap on in-flight flows with --rate (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", description = "Open loop: start this many flows per second regardless of how fast answers come (no coordinated omission).")
    Double rate;

    /** Distinct throwaway payer keys when the stack has no chain and --wallets is not given. */
    static final int DEFAULT_WALLETS = 4;

    @Option(names = "--wallets", paramLabel = "W",
            description = "Distinct payer keys (default: every funded wallet of the stack's chain, else " + DEFAULT_WALLETS + " throwaway keys).")
    Integer wallets;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The stack whose chain's funded wallets pay, spread over the flows (default: $" + StackFiles.ENV
                    + ", else " + StackFiles.DEFAULT_DIR + "); without a chain there, throwaway keys pay.")
    Path stateDir;

    @Option(names = "--repeat-ratio", defaultValue = "0.3", description = "Share of flows that reuse a popular text, exercising the cache (default: ${DEFAULT-VALUE}).")
    double repeatRatio;

    @Option(names = "--invalid-ratio", defaultValue = "0", description = "Share of flows sent with an invalid (malleated) signature (default: ${DEFAULT-VALUE}).")
    double invalidRatio;

    @Option(names = "--unpaid", description = "Send only the unpaid first request of each flow (the 402 challenge path).")
    boolean unpaid;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    void validate() {
        if (flows != null && duration != null) {
            throw usage("give -n or --duration, not both");
        }
        if (flows != null && flows < 1 || concurrency < 1 || wallets != null && wallets < 1 || rate != null && !(rate > 0)) {
            throw usage("-n, -c, --wallets and --rate must be positive");
        }
        if (!share(repeatRatio) || !share(invalidRatio) || !share(garbledRatio)) {
            throw usage("--repeat-ratio, --invalid-ratio and --garbled-ratio must be between 0 and 1");
        }
        if (invalidRatio + garbledRatio > 1) {
            throw usage("--invalid-ratio and --garbled-ratio together must not exceed 1");
        }
        if (spread && unpaid) {
            throw usage("--spread needs paid retries; it cannot go with --unpaid");
        }
        protocols();
    }

    /** The protocols flows pay in, in turn. */
    List<PaymentProtocol> protocols() {
        try {
            return ProtocolOption.parseList(protocols);
        } catch (TypeConversionException e) {
            throw usage(e.getMessage());
        }
    }

    /** The gateways without trailing slashes, {@code defaultGateway} when none is given. */
    List<String> bases(String defaultGateway) {
        List<String> given = gateways.isEmpty() ? List.of(defaultGateway) : gateways;
        List<String> out = new ArrayList<>();
        for (String g : given) {
            String base = g.strip().replaceFirst("/+$", "");
            if (!base.matches("(?i)https?://\\S+")) {
                throw usage("--gateway expects an http(s) URL, got '" + g + "'");
            }
            if (out.contains(base)) {
                throw usage("--gateway " + base + " is given twice");
            }
            out.add(base);
        }
        if (spread && out.size() < 2) {
            throw usage("--spread needs at least two --gateway URLs");
        }
        return out;
    }

    /** How many flows to start: -n, the default, or {@link #UNBOUNDED} for a --duration run. */
    long target() {
        return duration != null ? UNBOUNDED : flows != null ? flows : DEFAULT_FLOWS;
    }

    /** The {@code System.nanoTime()} a run started at {@code startNanos} must stop starting flows. */
    long deadline(long startNanos) {
        return duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
    }

    /**
     * The payers: the chain's funded wallets when the stack has a chain (the first {@code --wallets} of them, if
     * given), else {@code --wallets} throwaway keys.
     */
    List<Wallet> payers(java.io.PrintWriter err) {
        java.util.Optional<ChainWallets.Funded> funded = ChainWallets.of(stateDir);
        if (funded.isEmpty()) {
            List<Wallet> random = new ArrayList<>();
            for (int i = 0; i < (wallets != null ? wallets : DEFAULT_WALLETS); i++) {
                random.add(Wallet.random());
            }
            return random;
        }
        List<Wallet> all = funded.get().wallets();
        if (wallets != null && wallets > all.size()) {
            throw usage("--wallets " + wallets + ": the stack's chain funded " + all.size() + " wallets"
                    + " (start it with --chain-wallets " + wallets + ")");
        }
        List<Wallet> chosen = wallets == null ? all : all.subList(0, wallets);
        err.println("paying from " + chosen.size() + " funded wallets of the stack's chain (" + funded.get().keysFile() + ")");
        err.flush();
        return chosen;
    }

    TrafficMix mix() {
        return new TrafficMix(repeatRatio, invalidRatio, garbledRatio);
    }

    LoadLoop loop() {
        return rate != null ? new LoadLoop.Open(rate, concurrency) : new LoadLoop.Closed(concurrency);
    }

    private static boolean share(double ratio) {
        return !(ratio < 0 || ratio > 1);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
