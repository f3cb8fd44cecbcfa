package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost:3000", "gateway-1.prod.example.com:3000", "10.0.0.7:1", "[::1]:65535",
            "[2001:db8::7]:3002", "GW:3000"})
    void acceptsHostNamesIpv4AndBracketedIpv6AndPrintsThemBack(String text) {
        assertEquals(text, HostPort.parse(text).toString());
    }
}
