package io.microai.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one-shot step of {@code --with-chain} that runs {@code chain/deploy.mjs} once the node is healthy:
 * it deploys the token, funds the test wallets and writes the deployment file, then exits 0. Done when
 * that file is there (it is written whole, after the balances were read back); the facilitator and the
 * gateways, which read it, start after it.
 */
final class ChainDeployService extends ChainServiceKind {
    static final String ROLE = StackState.CHAIN_DEPLOY_ROLE;

    ChainDeployService() {
        super(ROLE);
    }

    @Override
    ServiceSpec spec(StackLayout layout, ChainTools tools) {
        Path out = layout.files().chainDeployment();
        String fileUrl = out.toUri().toString();
        return ServiceSpec.named(ROLE, ROLE)
                .command(List.of(tools.node().toString(), tools.script("deploy.mjs").toString(), "--rpc", ChainNodeService.rpcUrl(layout),
                        "--out", out.toString(), "--wallets", Integer.toString(layout.chain().wallets())))
                .oneShot()
                .url(fileUrl)
                .healthUrl(fileUrl)
                .metricsUrl(null, "deploys the token and funds " + layout.chain().wallets() + " wallets")
                .marker(out.toString())
                .beforeStart(() -> {
                    // A file left by an earlier stack describes a chain that is gone; the step's success is a new one.
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                })
                .startedNote("chain deployment (token, payTo, funded keys) in " + out)
                .build();
    }
}
