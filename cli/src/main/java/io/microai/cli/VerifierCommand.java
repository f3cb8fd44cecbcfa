package io.microai.cli;

import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.Env;
import io.microai.shared.logging.LogFormat;
import io.microai.shared.warmup.Warmup;
import io.microai.shared.metrics.MetricsConfig;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;

@Command(name = "verifier", mixinStandardHelpOptions = true,
        description = {"Run the EIP-712 verifier in the foreground.",
                "Settings come from the environment: VERIFIER_PORT (" + VerifierApi.DEFAULT_PORT + "), VERIFIER_HOST (0.0.0.0),",
                "MAX_REQUEST_BODY_BYTES (1048576), METRICS_ENABLED (true), METRICS_PATH (" + MetricsConfig.DEFAULT_PATH + ")."})
final class VerifierCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(VerifierCommand.class.getName());

    @Override
    public Integer call() throws Exception {
        LogFormat.fromEnv(Env.system()).install();
        VerifierConfig config = VerifierConfig.fromEnv(Env.system());
        Warmup warmup = Warmup.fromEnv(Env.system());
        VerifierServer server;
        try {
            server = VerifierServer.start(config, warmup);
        } catch (RuntimeException e) {
            throw ServiceRunner.explainStartFailure(e, "verifier", config.port());
        }
        LOG.info("verifier listening on http://" + config.host() + ":" + server.port()
                + (config.metrics().enabled() ? ", metrics at " + config.metrics().path() : ", metrics disabled"));
        return ServiceRunner.runUntilStopped(server);
    }
}
