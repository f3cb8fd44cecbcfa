package io.microai.cli;

import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayServer;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.Env;
import io.microai.shared.logging.LogFormat;
import io.microai.shared.warmup.Warmup;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run the x402 AI gateway in the foreground.",
                "Settings come from the environment (GATEWAY_PORT " + GatewayApi.DEFAULT_PORT + ", VERIFIER_URL " + VerifierApi.DEFAULT_URL + ", ...);",
                "gateway/README.md lists them all."})
final class GatewayCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(GatewayCommand.class.getName());

    @Override
    public Integer call() throws Exception {
        LogFormat.fromEnv(Env.system()).install();
        GatewayConfig config = GatewayConfig.fromEnv(Env.system());
        Warmup warmup = Warmup.fromEnv(Env.system());
        GatewayServer server;
        try {
            server = GatewayServer.start(config, warmup);
        } catch (RuntimeException e) {
            throw ServiceRunner.explainStartFailure(e, "gateway", config.port());
        }
        LOG.info("gateway listening on http://" + config.host() + ":" + server.port()
                + " (verifier " + config.verifierUrl() + ", AI provider " + config.ai().provider() + "/" + config.ai().model()
                + ", rate limiting " + (config.rateLimits().enabled() ? "on" : "off")
                + ", cache " + (config.cache().enabled() ? "on" : "off")
                + (config.metrics().enabled() ? ", metrics at " + config.metrics().path() : ", metrics disabled") + ")");
        return ServiceRunner.runUntilStopped(server);
    }
}
