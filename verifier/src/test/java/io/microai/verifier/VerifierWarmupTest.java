package io.microai.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.config.Env;
import io.microai.shared.testing.Http;
import io.microai.shared.warmup.Warmup;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VerifierWarmupTest {
    /** A counter or histogram count of the verifier's own families, with its value. */
    private static final Pattern COUNTED = Pattern.compile("(?m)^(verifier_\\w+(?:_total|_count)(?:\\{[^}]*})?) (\\S+)$");

    @Test
    void everyWarmupTaskRecoversItsSignerWithoutFailing() {
        Warmup.Result result = Warmup.rounds(5).run(VerifierWarmup.tasks());
        assertEquals(5, result.rounds());
        assertEquals(List.of(), result.failed());
        assertEquals(2, VerifierWarmup.tasks().size(), "one task per verification route");
    }

    @Test
    void aWarmedVerifierHasCountedNoRequestAndNoSignature() throws Exception {
        VerifierConfig config = VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1");
        try (VerifierServer server = VerifierServer.start(config, Warmup.rounds(50))) {
            String scrape = Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();
            Matcher m = COUNTED.matcher(scrape);
            while (m.find()) {
                assertEquals(0.0, Double.parseDouble(m.group(2)), m.group(1) + " counted warm-up work");
            }
            assertTrue(scrape.contains("verifier_"), "the verifier's families are exposed");
        }
    }
}
