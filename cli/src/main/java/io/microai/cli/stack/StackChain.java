package io.microai.cli.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local payment network of a stack started with {@code --with-chain}, as {@code stack.json} and the
 * deployment file describe it: what {@code stack status} shows and where {@code microai pay} and
 * {@code microai load} find the funded keys.
 *
 * @param keysFile       the deployment file, which holds the funded wallets' keys
 * @param facilitatorUrl the stack's facilitator, or null when none is recorded
 */
public record StackChain(ChainDeployment deployment, Path keysFile, String facilitatorUrl) {

    /** The chain of the stack recorded in {@code files}, or empty when there is no stack or it has no chain. */
    public static Optional<StackChain> of(StackFiles files) {
        Optional<StackState> state = StackState.read(files);
        return state.flatMap(StackChain::of);
    }

    static Optional<StackChain> of(StackState state) {
        Optional<StackState.ServiceRecord> deploy = state.services().stream()
                .filter(s -> StackState.CHAIN_DEPLOY_ROLE.equals(s.effectiveRole()) && s.completed()).findFirst();
        if (deploy.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(java.net.URI.create(deploy.get().url()));
        String facilitator = state.services().stream().filter(s -> StackState.FACILITATOR_ROLE.equals(s.effectiveRole()))
                .map(StackState.ServiceRecord::url).findFirst().orElse(null);
        try {
            return Optional.of(new StackChain(ChainDeployment.read(file), file, facilitator));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stack's chain deployment " + file + " cannot be read (" + e.getMessage()
                    + "); restart the stack with 'microai stack up --with-chain'");
        }
    }

    /** The {@code chain} object of {@code stack status --json}: no keys, only where they are. */
    Map<String, Object> describe() {
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("rpc_url", deployment.rpcUrl());
        chain.put("chain_id", deployment.chainId());
        chain.put("network", deployment.network());
        chain.put("network_v1", deployment.networkV1());
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("address", deployment.token().address());
        token.put("name", deployment.token().name());
        token.put("symbol", deployment.token().symbol());
        token.put("version", deployment.token().version());
        token.put("decimals", deployment.token().decimals());
        chain.put("token", token);
        chain.put("pay_to", deployment.payTo());
        chain.put("facilitator_url", facilitatorUrl);
        chain.put("facilitator_address", deployment.facilitator() == null ? null : deployment.facilitator().address());
        chain.put("keys_file", keysFile.toString());
        chain.put("funded_wallets", deployment.wallets().size());
        chain.put("minted_per_wallet", deployment.mintedPerWallet());
        return chain;
    }
}
