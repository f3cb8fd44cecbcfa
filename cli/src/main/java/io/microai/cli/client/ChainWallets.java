package io.microai.cli.client;

import io.microai.cli.stack.StackChain;
import io.microai.cli.stack.StackFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The payer keys of a stack's local payment network: when {@code microai stack up --with-chain} runs in
 * the state directory and no key is given, {@code pay} and {@code load} pay with the wallets its
 * deployment funded, since a throwaway key holds no tokens and a settling gateway refuses it.
 */
final class ChainWallets {
    private ChainWallets() {
    }

    /** The funded wallets of the stack in {@code stateDir} (null: $MICROAI_STATE_DIR, else .microai), if it has a chain. */
    static Optional<Funded> of(Path stateDir) {
        return StackChain.of(StackFiles.locate(stateDir))
                .map(chain -> new Funded(chain.deployment().walletKeys().stream().map(Wallet::fromHex).toList(), chain.keysFile()));
    }

    /** @param keysFile where the keys came from, to name it */
    record Funded(List<Wallet> wallets, Path keysFile) {
    }
}
