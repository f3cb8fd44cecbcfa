package io.microai.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvTest {

    private static Env env(String name, String value) {
        return new Env(Map.of(name, value));
    }

    private static void assertNames(ConfigException e, String name) {
        assertTrue(e.getMessage().contains(name), "message should name " + name + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "message should be one line: " + e.getMessage());
    }

    @Test
    void unsetReturnsDefaults() {
        Env env = new Env(Map.of());
        assertEquals(Optional.empty(), env.get("X"));
        assertEquals("d", env.string("X", "d"));
        assertEquals(7, env.integer("X", 7, 0, 10));
        assertEquals(8L, env.longValue("X", 8L, 0, 10));
        assertEquals(8080, env.port("X", 8080));
        assertTrue(env.bool("X", true));
        assertFalse(env.bool("X", false));
        assertEquals(Duration.ofSeconds(30), env.seconds("X", 30, 60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "  \n "})
    void blankCountsAsUnset(String blank) {
        Env env = env("X", blank);
        assertEquals(Optional.empty(), env.get("X"));
        assertEquals("d", env.string("X", "d"));
        assertEquals(7, env.integer("X", 7, 0, 10));
        assertEquals(9090, env.port("X", 9090));
        assertTrue(env.bool("X", true));
        assertEquals(Duration.ofSeconds(5), env.seconds("X", 5, 60));
    }

    @Test
    void valuesAreTrimmed() {
        assertEquals(Optional.of("abc"), env("X", "  abc \n").get("X"));
        assertEquals(42, env("X", " 42 ").integer("X", 0, 0, 100));
        assertEquals(443, env("PORT", " 443").port("PORT", 80));
    }

    @Test
    void integerWithinRangeIncludingBounds() {
        assertEquals(0, env("N", "0").integer("N", 5, 0, 10));
        assertEquals(10, env("N", "10").integer("N", 5, 0, 10));
        assertEquals(-3, env("N", "-3").integer("N", 5, -5, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "-1", "abc", "1.5", "1e3", "99999999999", "0x10"})
    void integerErrorsNameTheVariable(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> env("WORKERS", value).integer("WORKERS", 5, 0, 10));
        assertNames(e, "WORKERS");
        assertTrue(e.getMessage().contains(value), e.getMessage());
        assertTrue(e.getMessage().contains("0") && e.getMessage().contains("10"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-80", "http", "80a", "8080.0"})
    void portErrorsNameTheVariable(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> env("GATEWAY_PORT", value).port("GATEWAY_PORT", 3000));
        assertNames(e, "GATEWAY_PORT");
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
    }

    @Test
    void portBoundsAreInclusive() {
        assertEquals(1, env("P", "1").port("P", 3000));
        assertEquals(65535, env("P", "65535").port("P", 3000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "3601", "ten", "9223372036854775808"})
    void longAndSecondsErrorsNameTheVariable(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> env("TIMEOUT_SECONDS", value).seconds("TIMEOUT_SECONDS", 30, 3600));
        assertNames(e, "TIMEOUT_SECONDS");
    }

    @Test
    void secondsParsesWholeSeconds() {
        assertEquals(Duration.ofSeconds(3600), env("T", "3600").seconds("T", 30, 3600));
        assertEquals(5_000_000_000L, env("L", "5000000000").longValue("L", 0, 0, Long.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "1", "yes", "YES", "on", "On", " true "})
    void boolTrueSpellings(String value) {
        assertTrue(env("B", value).bool("B", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "False", "0", "no", "NO", "off", "OFF"})
    void boolFalseSpellings(String value) {
        assertFalse(env("B", value).bool("B", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "yep", "t", "f", "enabled", "truee", "-1"})
    void boolGarbageIsRefusedNamingTheVariable(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> env("FEATURE_ON", value).bool("FEATURE_ON", true));
        assertNames(e, "FEATURE_ON");
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void envIsASnapshotOfTheMap() {
        Map<String, String> source = new HashMap<>();
        source.put("A", "1");
        Env env = new Env(source);
        source.put("A", "2");
        assertEquals(Optional.of("1"), env.get("A"));
    }

    @Test
    void stringReturnsTrimmedValueOverDefault() {
        assertEquals("x", env("S", " x ").string("S", "d"));
    }
}
