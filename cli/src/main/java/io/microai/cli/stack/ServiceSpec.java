package io.microai.cli.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process of a planned stack: what to run, where it listens, how to tell it is healthy and what
 * {@code stack.json} records about it. The {@link Supervisor} needs nothing else to start it, wait for
 * it, show it and stop it; its log is {@code <state-dir>/logs/<name>.log}.
 *
 * @param name       unique in the stack: what {@code status}, {@code logs} and {@code down} call it
 * @param role       what it is ({@code gateway} for each gateway of a fleet); equals the name unless several share it
 * @param command    the program and its arguments
 * @param env        set on top of the environment {@code stack up} inherited
 * @param portOption the option that chooses the port, named when the port is taken
 * @param healthUrl  probed by {@link HealthCheck}: the start waits for it, {@code status} re-checks it
 * @param metricsUrl null when the process has no Prometheus endpoint (or metrics are disabled)
 * @param marker     text in its command line that identifies it when its recorded command cannot be compared
 * @param note       shown after the start instead of the metrics URL when there is none
 * @param beforeStart runs just before the process starts (directories, config files); a failure stops the start
 * @param startedNote a line printed once the stack is healthy, or null
 * @param envAtStart  more environment, computed just before the process starts: settings that only exist once an
 *                    earlier stage has run (a contract address, say)
 * @param oneShot     a step that runs to completion (exit code 0) instead of serving: the next stage starts once it
 *                    has exited 0 and its health URL answers; it listens on no port
 */
record ServiceSpec(String name, String role, List<String> command, Map<String, String> env, String host, int port,
                   String portOption, String url, String healthUrl, String metricsUrl, String marker, String note,
                   Preparation beforeStart, String startedNote, EnvSource envAtStart, boolean oneShot) {

    /** Work to do before the process starts. */
    @FunctionalInterface
    interface Preparation {
        void run() throws IOException;
    }

    /** Environment known only when the process starts. */
    @FunctionalInterface
    interface EnvSource {
        Map<String, String> get() throws IOException;
    }

    ServiceSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(healthUrl, "healthUrl");
    }

    static Builder named(String name, String role) {
        return new Builder(name, role);
    }

    /** What the start summary shows for it. */
    String summary() {
        return metricsUrl != null ? "metrics " + metricsUrl : "(" + note + ")";
    }

    /** Reads as a description of the process; only name, command, port, url and healthUrl are required. */
    static final class Builder {
        private final String name;
        private final String role;
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String host = Processes.LOOPBACK;
        private int port;
        private String portOption;
        private String url;
        private String healthUrl;
        private String metricsUrl;
        private String marker;
        private String note = "no metrics endpoint";
        private Preparation beforeStart = () -> { };
        private String startedNote;
        private EnvSource envAtStart = Map::of;
        private boolean oneShot;

        private Builder(String name, String role) {
            this.name = name;
            this.role = role;
        }

        Builder command(List<String> argv) {
            command.addAll(argv);
            return this;
        }

        Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** Listens on host:port, chosen with {@code option}. */
        Builder listensOn(String bindHost, int listenPort, String option) {
            host = bindHost;
            port = listenPort;
            portOption = option;
            return this;
        }

        Builder url(String base) {
            url = base;
            return this;
        }

        Builder healthUrl(String probe) {
            healthUrl = probe;
            return this;
        }

        /** Null means no Prometheus endpoint; {@code whenAbsent} is shown instead. */
        Builder metricsUrl(String endpoint, String whenAbsent) {
            metricsUrl = endpoint;
            note = whenAbsent;
            return this;
        }

        Builder marker(String text) {
            marker = text;
            return this;
        }

        Builder beforeStart(Preparation preparation) {
            beforeStart = preparation;
            return this;
        }

        Builder startedNote(String line) {
            startedNote = line;
            return this;
        }

        /** Environment read just before it starts, over {@link #env}. */
        Builder envAtStart(EnvSource source) {
            envAtStart = source;
            return this;
        }

        /** A step that exits 0 when done; it needs no port. */
        Builder oneShot() {
            oneShot = true;
            return this;
        }

        ServiceSpec build() {
            if (command.isEmpty() || (port < 1 && !oneShot) || url == null) {
                throw new IllegalStateException("the " + name + " needs a command, a port and a URL");
            }
            return new ServiceSpec(name, role, command, env, host, port, portOption, url, healthUrl, metricsUrl, marker, note,
                    beforeStart, startedNote, envAtStart, oneShot);
        }
    }
}
