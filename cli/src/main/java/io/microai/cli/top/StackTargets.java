package io.microai.cli.top;

import io.microai.cli.stack.StackFiles;
import io.microai.cli.stack.StackState;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.metrics.MetricsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The default targets: the {@code metrics_url} of the gateway and verifier services recorded in the
 * running stack's state file, found and read the way the stack commands do ({@link StackFiles},
 * {@link StackState}).
 */
final class StackTargets {
    /** The variable naming the state directory when {@code --state-dir} is not given. */
    static final String ENV = StackFiles.ENV;

    private StackTargets() {
    }

    /** The state directory as the stack commands choose it: the option, else the env var, else .microai. */
    static Path stateDir(Path option, String env) {
        return StackFiles.locate(option, env).dir();
    }

    /**
     * @throws IllegalStateException with an operator-facing message when there is no stack, or the
     *     stack has no metrics endpoints
     */
    static List<Target> read(Path stateDir) {
        Optional<StackState> state = StackState.read(new StackFiles(stateDir));
        if (state.isEmpty()) {
            throw new IllegalStateException("no metrics targets: pass --target URL (e.g. --target http://127.0.0.1:"
                    + GatewayApi.DEFAULT_PORT + MetricsConfig.DEFAULT_PATH + "),"
                    + " or start a stack with 'microai stack up' (no stack state in " + stateDir + ")");
        }
        List<Target> out = new ArrayList<>();
        for (StackState.ServiceRecord service : state.get().services()) {
            String metrics = service.metricsUrl();
            if (metrics == null || metrics.isBlank()) {
                continue;
            }
            // A fleet names its gateways gateway-1..N; the role says what each service is.
            Target.Role role = switch (service.effectiveRole()) {
                case StackState.GATEWAY_ROLE -> Target.Role.GATEWAY;
                case StackState.VERIFIER_ROLE -> Target.Role.VERIFIER;
                default -> null;
            };
            if (role != null) {
                out.add(new Target(metrics, role));
            }
        }
        // Gateways first, as in the figures.
        out.sort(Comparator.comparing(t -> t.role() == Target.Role.GATEWAY ? 0 : 1));
        if (out.isEmpty()) {
            throw new IllegalStateException("no metrics targets: the stack in " + stateDir
                    + " has no gateway or verifier with a metrics endpoint (metrics disabled?); pass --target URL");
        }
        return out;
    }
}
