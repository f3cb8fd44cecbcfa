package io.microai.cli.stack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The state file ({@code <state-dir>/stack.json}) that lets {@code status}, {@code logs}, {@code down}
 * and {@code microai metrics top} find a stack from another shell; {@link #read} is the one way to
 * read it. Each process is recorded with the start instant the OS reports for it and its command
 * line, so a recycled pid is never mistaken for ours. Unknown fields are ignored, so readers keep
 * working when the file gains fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StackState(
        @JsonProperty("version") int version,
        @JsonProperty("mode") String mode,
        @JsonProperty("state_dir") String stateDir,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("supervisor") ProcessRecord supervisor,
        @JsonProperty("services") List<ServiceRecord> services) {

    static final int VERSION = 1;
    static final String DETACHED = "detached";
    static final String FOREGROUND = "foreground";
    /** The {@code role} of every gateway, a fleet's gateway-1..N included. */
    public static final String GATEWAY_ROLE = "gateway";
    public static final String VERIFIER_ROLE = "verifier";
    /** The local chain node, the step that deploys the token to it, and the facilitator settling on it. */
    public static final String CHAIN_ROLE = "chain";
    public static final String CHAIN_DEPLOY_ROLE = "chain-deploy";
    public static final String FACILITATOR_ROLE = "facilitator";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StackState {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A process we started: its pid, the OS's start instant for it, and its command line. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProcessRecord(
            @JsonProperty("pid") long pid,
            @JsonProperty("process_start") String processStart,
            @JsonProperty("command") String command) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceRecord(
            @JsonProperty("name") String name,
            @JsonProperty("pid") long pid,
            @JsonProperty("host") String host,
            @JsonProperty("port") int port,
            @JsonProperty("url") String url,
            @JsonProperty("health_url") String healthUrl,
            @JsonProperty("metrics_url") String metricsUrl,
            @JsonProperty("log") String log,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("process_start") String processStart,
            @JsonProperty("command") String command,
            @JsonProperty("marker") String marker,
            @JsonProperty("role") String role,
            @JsonProperty("one_shot") Boolean oneShot,
            @JsonProperty("exit_code") Integer exitCode) {

        /** A step that ran to completion at start (the chain's deployment) rather than a process that serves. */
        public boolean isOneShot() {
            return Boolean.TRUE.equals(oneShot);
        }

        /** A step that finished with exit code 0. */
        public boolean completed() {
            return isOneShot() && exitCode != null && exitCode == 0;
        }

        /**
         * What the service is (gateway, verifier, redis, prometheus): its role, or, in files written
         * before roles were recorded, its name without a fleet index.
         */
        public String effectiveRole() {
            if (role != null) {
                return role;
            }
            return name == null ? "" : name.replaceFirst("-\\d+$", "");
        }

        public ProcessRecord process() {
            return new ProcessRecord(pid, processStart, command);
        }
    }

    /**
     * The stack recorded in this state directory, or empty when there is none.
     *
     * @throws IllegalStateException with an operator-facing message when the file cannot be read or parsed
     */
    public static Optional<StackState> read(StackFiles files) {
        Path file = files.stateFile();
        try {
            return Optional.of(JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), StackState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the stack state " + file + " (" + oneLine(e.getMessage())
                    + "); if no stack is running, delete it");
        }
    }

    void write(StackFiles files) throws IOException {
        Files.createDirectories(files.dir());
        Path tmp = Files.createTempFile(files.dir(), ".stack", ".json.tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, files.stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, files.stateFile(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
