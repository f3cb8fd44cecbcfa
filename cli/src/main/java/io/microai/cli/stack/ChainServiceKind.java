package io.microai.cli.stack;

import java.util.List;

/**
 * A process of the local payment network ({@code --with-chain}): planned only when the stack has a
 * chain, with the located chain tools (node, anvil, the {@code chain/} scripts) handed to it.
 */
abstract class ChainServiceKind implements ServiceKind {
    private final String role;

    ChainServiceKind(String role) {
        this.role = role;
    }

    @Override
    public final String role() {
        return role;
    }

    @Override
    public final List<ServiceSpec> plan(StackLayout layout) {
        if (layout.chain() == null) {
            return List.of();
        }
        return List.of(spec(layout, ChainTools.locate(layout.env().string(ChainTools.DIR_ENV, null))));
    }

    /** The process, for a stack that has a chain. */
    abstract ServiceSpec spec(StackLayout layout, ChainTools tools);
}
