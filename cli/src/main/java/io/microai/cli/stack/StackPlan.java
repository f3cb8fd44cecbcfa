package io.microai.cli.stack;

import io.microai.cli.stack.UpOptions.UsageError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code stack up} will run: the processes of every {@link ServiceKind}, in stages. A stage starts
 * together and is awaited before the next one starts, because the next depends on it (the gateways
 * need the verifier and Redis; Prometheus needs targets to scrape).
 */
record StackPlan(StackLayout layout, List<List<ServiceSpec>> stages) {
    /** Every kind of process, in start order. A new kind of process is one class and one entry here. */
    static final List<ServiceKind> KINDS = List.of(
            new RedisService(),
            new ChainNodeService(),
            new ChainDeployService(),
            new FacilitatorService(),
            new VerifierService(),
            new GatewayService(),
            new PrometheusService());

    StackPlan {
        stages = stages.stream().map(List::copyOf).toList();
    }

    static StackPlan of(StackLayout layout) throws IOException {
        List<List<ServiceSpec>> stages = new ArrayList<>();
        for (ServiceKind kind : KINDS) {
            List<ServiceSpec> stage = kind.plan(layout);
            if (!stage.isEmpty()) {
                stages.add(stage);
            }
        }
        StackPlan plan = new StackPlan(layout, stages);
        plan.refuseSharedPorts();
        return plan;
    }

    /** The roles of every kind, in start order: the fixed service names {@code stack logs} knows. */
    static List<String> roles() {
        return KINDS.stream().map(ServiceKind::role).toList();
    }

    List<ServiceSpec> services() {
        return stages.stream().flatMap(List::stream).toList();
    }

    /** Fails, naming the option to change, when a port is taken by something outside the stack. */
    void requirePortsFree() {
        for (ServiceSpec s : services()) {
            if (s.oneShot()) {
                continue;
            }
            if (!Processes.portFree(s.host(), s.port())) {
                throw new IllegalStateException("cannot start the " + s.name() + ": port " + s.port() + " on " + s.host()
                        + " is already in use; free it or choose another with " + s.portOption());
            }
        }
    }

    /** The options' own checks name the clashes they know; this catches any pair of processes they do not. */
    private void refuseSharedPorts() {
        Map<Integer, String> owners = new HashMap<>();
        for (ServiceSpec s : services()) {
            if (s.oneShot()) {
                continue;
            }
            String other = owners.putIfAbsent(s.port(), s.name());
            if (other != null) {
                throw new UsageError("the " + other + " and the " + s.name() + " cannot share port " + s.port()
                        + "; choose another with " + s.portOption());
            }
        }
    }
}
