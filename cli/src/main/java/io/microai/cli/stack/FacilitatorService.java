package io.microai.cli.stack;

import java.util.List;
import java.util.Map;

/**
 * The x402 facilitator of {@code --with-chain}: {@code chain/facilitator.mjs}, the official
 * {@code @x402/core} facilitator with {@code @x402/evm}'s exact scheme, settling on the local node with
 * the deployment's facilitator key. It gets {@code FACILITATOR_AUTH_HEADER} from the settings like the
 * gateways, so both sides agree on it. Healthy when {@code GET /health} (which asks the node) answers 200.
 */
final class FacilitatorService extends ChainServiceKind {
    static final String ROLE = StackState.FACILITATOR_ROLE;
    static final String AUTH_HEADER = "FACILITATOR_AUTH_HEADER";

    FacilitatorService() {
        super(ROLE);
    }

    @Override
    ServiceSpec spec(StackLayout layout, ChainTools tools) {
        int port = layout.chain().facilitatorPort();
        String url = url(layout);
        String auth = layout.env().string(AUTH_HEADER, "");
        return ServiceSpec.named(ROLE, ROLE)
                .command(List.of(tools.node().toString(), tools.script("facilitator.mjs").toString(),
                        "--deployment", layout.files().chainDeployment().toString(), "--port", Integer.toString(port)))
                .env(Map.of(AUTH_HEADER, auth))
                .listensOn(Processes.LOOPBACK, port, "--facilitator-port")
                .url(url)
                .healthUrl(url + "/health")
                .metricsUrl(null, "x402 /supported /verify /settle")
                .marker(layout.files().chainDeployment().toString())
                .build();
    }

    static String url(StackLayout layout) {
        return "http://" + Processes.LOOPBACK + ":" + layout.chain().facilitatorPort();
    }
}
