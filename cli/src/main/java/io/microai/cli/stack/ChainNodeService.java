package io.microai.cli.stack;

import java.util.List;

/**
 * The local EVM node of {@code --with-chain}: anvil from the pinned {@code @foundry-rs/anvil} npm
 * package, on loopback, mining each transaction as it arrives. Its chain id is Base Sepolia's, the one
 * x402 v1 also has a name for ({@code base-sepolia}), so both protocol versions can be paid on it; the
 * token is this repository's own, so nothing here is the real Base Sepolia. Healthy when JSON-RPC
 * {@code eth_chainId} answers.
 */
final class ChainNodeService extends ChainServiceKind {
    static final String ROLE = StackState.CHAIN_ROLE;
    static final long CHAIN_ID = 84532;

    ChainNodeService() {
        super(ROLE);
    }

    @Override
    ServiceSpec spec(StackLayout layout, ChainTools tools) {
        int port = layout.chain().nodePort();
        String url = rpcUrl(layout);
        return ServiceSpec.named(ROLE, ROLE)
                .command(List.of(tools.anvil().toString(), "--host", Processes.LOOPBACK, "--port", Integer.toString(port),
                        "--chain-id", Long.toString(CHAIN_ID)))
                .listensOn(Processes.LOOPBACK, port, "--chain-port")
                .url(url)
                .healthUrl(HealthCheck.JSON_RPC_SCHEME + Processes.LOOPBACK + ":" + port)
                .metricsUrl(null, "JSON-RPC, chain id " + CHAIN_ID)
                .marker("--port " + port)
                .build();
    }

    static String rpcUrl(StackLayout layout) {
        return "http://" + Processes.LOOPBACK + ":" + layout.chain().nodePort();
    }
}
