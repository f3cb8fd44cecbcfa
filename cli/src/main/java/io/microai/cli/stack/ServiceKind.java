package io.microai.cli.stack;

import java.io.IOException;
import java.util.List;

/**
 * A kind of process {@code stack up} can run. {@link StackPlan#KINDS} lists every kind in start order;
 * adding a process to the stack is one implementation of this interface and one entry there.
 */
interface ServiceKind {
    /** The {@code role} its processes get in {@code stack.json}; also a service name {@code stack logs} accepts. */
    String role();

    /**
     * The processes of this kind the layout asks for, started together and then awaited one by one;
     * empty when the options leave this kind out. Looks up binaries, so a missing tool fails here,
     * before anything starts.
     */
    List<ServiceSpec> plan(StackLayout layout) throws IOException;
}
