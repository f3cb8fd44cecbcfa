package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.GatewayConfig;
import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AiStreamSettingsTest {

    private static AiSettings ai(Map<String, String> env) {
        return GatewayConfig.fromEnv(new Env(env)).ai();
    }

    @Test
    void streamIdleTimeoutDefaultsToFifteenSeconds() {
        assertEquals(Duration.ofSeconds(15), ai(Map.of()).streamIdleTimeout());
        assertEquals(Duration.ofSeconds(15),
                ai(Map.of("AI_PROVIDER", "openai", "AI_BASE_URL", "http://127.0.0.1:9/v1", "AI_MODEL", "m")).streamIdleTimeout());
    }

    @Test
    void streamIdleTimeoutIsReadFromTheEnvironmentForEveryProvider() {
        assertEquals(Duration.ofSeconds(3), ai(Map.of("AI_STREAM_IDLE_TIMEOUT_SECONDS", "3")).streamIdleTimeout());
        assertEquals(Duration.ofSeconds(600), ai(Map.of("AI_PROVIDER", "ollama", "AI_STREAM_IDLE_TIMEOUT_SECONDS", "600"))
                .streamIdleTimeout());
    }

    @Test
    void aStreamIdleTimeoutOutsideOneToSixHundredSecondsStopsTheStart() {
        for (String bad : new String[] {"0", "601", "-1", "fast"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ai(Map.of("AI_STREAM_IDLE_TIMEOUT_SECONDS", bad)), bad);
            assertTrue(e.getMessage().contains("AI_STREAM_IDLE_TIMEOUT_SECONDS"), e.getMessage());
        }
    }
}
