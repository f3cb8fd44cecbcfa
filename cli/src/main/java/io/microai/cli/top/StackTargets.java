package io.microai.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default targets: the {@code metrics_url} of the gateway and verifier services recorded in the
 * running stack's state file ({@code <state-dir>/stack.json}, written by {@code microai stack up}).
 * Reads only the fields it needs, so it keeps working when the state file gains fields.
 */
final class StackTargets {
    static final String ENV = "MICROAI_STATE_DIR";
    static final String DEFAULT_DIR = ".microai";
    static final String STATE_FILE = "stack.json";

    private StackTargets() {
    }

    /** The state directory as the stack commands choose it: the option, else the env var, else .microai. */
    static Path stateDir(Path option, String env) {
        Path chosen = option;
        if (chosen == null) {
            chosen = Path.of(env != null && !env.isBlank() ? env.trim() : DEFAULT_DIR);
        }
        return chosen.toAbsolutePath().normalize();
    }

    /**
     * @throws IllegalStateException with an operator-facing message when there is no stack, or the
     *     stack has no metrics endpoints
     */
    static List<Target> read(Path stateDir) {
        Path file = stateDir.resolve(STATE_FILE);
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no metrics targets: pass --target URL (e.g. --target http://127.0.0.1:3000/metrics),"
                    + " or start a stack with 'microai stack up' (no stack state in " + stateDir + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the stack state " + file + ": " + e.getMessage());
        }
        List<Target> out = new ArrayList<>();
        for (JsonNode service : doc.path("services")) {
            // A fleet names its gateways gateway-1..N; "role" says what each service is.
            String name = service.path("role").asText(service.path("name").asText("").replaceFirst("-[0-9]+$", ""));
            String metrics = service.path("metrics_url").asText(null);
            if (metrics == null || metrics.isBlank()) {
                continue;
            }
            Target.Role role = switch (name) {
                case "gateway" -> Target.Role.GATEWAY;
                case "verifier" -> Target.Role.VERIFIER;
                default -> null;
            };
            if (role != null) {
                out.add(new Target(metrics, role));
            }
        }
        // Gateways first, as in the figures.
        out.sort(java.util.Comparator.comparing(t -> t.role() == Target.Role.GATEWAY ? 0 : 1));
        if (out.isEmpty()) {
            throw new IllegalStateException("no metrics targets: the stack in " + stateDir
                    + " has no gateway or verifier with a metrics endpoint (metrics disabled?); pass --target URL");
        }
        return out;
    }
}
