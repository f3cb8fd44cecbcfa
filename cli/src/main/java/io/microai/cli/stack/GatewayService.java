package io.microai.cli.stack;

import io.microai.shared.api.GatewayApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway, {@code microai gateway}, wired to the verifier: one, named {@code gateway}, or a fleet
 * {@code gateway-1..N} on consecutive ports sharing nonces and rate limits in Redis. With {@code --with-chain}
 * each prices in the deployed token, pays to the deployment's payTo and settles through the stack's
 * facilitator. Healthy when {@code GET /healthz} answers 200.
 */
final class GatewayService implements ServiceKind {
    static final String ROLE = StackState.GATEWAY_ROLE;

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public List<ServiceSpec> plan(StackLayout layout) {
        int count = layout.gateways();
        List<Integer> ports = layout.gatewayPorts();
        String portOption = count == 1 ? "--gateway-port"
                : "--gateway-port (the fleet uses ports " + ports.get(0) + "-" + ports.get(count - 1) + ")";
        String sharedRedis = layout.sharedRedisUrl();
        List<ServiceSpec> fleet = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = name(count, i);
            int port = ports.get(i);
            String url = "http://" + Processes.connectHost(layout.gatewayHost()) + ":" + port;
            ServiceSpec.Builder gateway = ServiceSpec.named(name, ROLE)
                    .command(JavaService.command(layout, ROLE, name))
                    .env(layout.serviceEnv())
                    .listensOn(layout.gatewayHost(), port, portOption)
                    .url(url)
                    .healthUrl(url + GatewayApi.HEALTHZ_PATH)
                    .metricsUrl(layout.metricsUrl(url), "metrics disabled")
                    .marker(JavaService.marker(layout.files(), name));
            gateway.env(Map.of("GATEWAY_PORT", Integer.toString(port)));
            if (layout.chain() != null) {
                // Known only once the deployment has run; over the settings, since the gateway must price in the token deployed.
                String facilitatorUrl = FacilitatorService.url(layout);
                gateway.envAtStart(() -> ChainDeployment.read(layout.files().chainDeployment()).gatewayEnv(facilitatorUrl));
            }
            if (sharedRedis != null) {
                gateway.env(Map.of("NONCE_STORE", "redis", "RATE_LIMIT_STORE", "redis", "RECEIPT_STORE", "redis", "REDIS_URL", sharedRedis));
            }
            fleet.add(gateway.build());
        }
        return fleet;
    }

    /** "gateway" alone, so a single-gateway stack keeps the name it always had; gateway-1..N in a fleet. */
    static String name(int count, int index) {
        return count == 1 ? ROLE : ROLE + "-" + (index + 1);
    }
}
