package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {
    @ParameterizedTest
    @ValueSource(strings = {"500ms", "15s", "1m", "1h30m", "2d", "1w", "1y", "1m30s500ms", "0s1ms"})
    void acceptsPrometheusDurationsAndKeepsThemAsWritten(String text) {
        assertEquals(text, PromDuration.parse(text).text());
    }
}
