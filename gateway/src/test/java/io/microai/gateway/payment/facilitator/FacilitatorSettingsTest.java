package io.microai.gateway.payment.facilitator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FacilitatorSettingsTest {
    private static Optional<FacilitatorSettings> from(String... pairs) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return FacilitatorSettings.from(new Env(env));
    }

    @Test
    void withoutAUrlThereIsNoFacilitator() {
        assertTrue(FacilitatorSettings.from(new Env(Map.of("FACILITATOR_AUTH_HEADER", "X-Key: 1"))).isEmpty());
    }

    @Test
    void theUrlLosesItsTrailingSlashAndTheTimeoutDefaultsToTenSeconds() {
        FacilitatorSettings s = from("FACILITATOR_URL", "http://127.0.0.1:4021/").orElseThrow();
        assertEquals("http://127.0.0.1:4021/verify", s.endpoint("verify").toString());
        assertEquals(Duration.ofSeconds(10), s.timeout());
        assertTrue(s.header().isEmpty());
    }

    @Test
    void anAuthHeaderIsNameColonValueAndItsValueIsNeverPrinted() {
        FacilitatorSettings s = from("FACILITATOR_URL", "https://f.example", "FACILITATOR_AUTH_HEADER", "Authorization: Bearer abc def")
                .orElseThrow();
        assertEquals("Authorization", s.header().orElseThrow().name());
        assertEquals("Bearer abc def", s.header().orElseThrow().value());
        assertFalse(s.toString().contains("abc"), s.toString());
    }

    @Test
    void badValuesStopTheStartWithALineNamingTheVariableButNotTheSecret() {
        for (String url : new String[] {"ftp://x", "not a url", "http://user:pw@host", "http://host/?q=1", "http:///path"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> from("FACILITATOR_URL", url));
            assertTrue(e.getMessage().startsWith("FACILITATOR_URL"), e.getMessage());
        }
        for (String header : new String[] {"no colon here", ": value", "Bad Name: v", "X-Key:", "X-Key: a\u0001secret"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> from("FACILITATOR_URL", "http://h", "FACILITATOR_AUTH_HEADER", header));
            assertTrue(e.getMessage().startsWith("FACILITATOR_AUTH_HEADER"), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
        assertThrows(ConfigException.class, () -> from("FACILITATOR_URL", "http://h", "FACILITATOR_TIMEOUT_SECONDS", "0"));
        assertThrows(ConfigException.class, () -> from("FACILITATOR_URL", "http://h", "FACILITATOR_TIMEOUT_SECONDS", "121"));
    }
}
