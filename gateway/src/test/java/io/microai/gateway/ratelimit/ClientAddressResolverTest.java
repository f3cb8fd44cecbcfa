package io.microai.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver =
            new ClientAddressResolver(TrustedProxies.parse("10.0.0.0/8, 127.0.0.1/32, ::1/128"));

    @Test
    void untrustedPeerIgnoresForwardedFor() {
        assertEquals("203.0.113.9", resolver.resolve("203.0.113.9", "1.2.3.4"));
    }

    @Test
    void noProxiesTrustedByDefault() {
        ClientAddressResolver none = new ClientAddressResolver(TrustedProxies.parse(""));
        assertEquals("127.0.0.1", none.resolve("127.0.0.1", "1.2.3.4"));
    }

    @Test
    void trustedPeerUsesForwardedClient() {
        assertEquals("198.51.100.7", resolver.resolve("10.1.1.1", "198.51.100.7"));
        assertEquals("198.51.100.7", resolver.resolve("127.0.0.1", " 198.51.100.7 "));
    }

    @Test
    void spoofedLeftEntriesAreIgnoredRightToLeft() {
        // Client 198.51.100.7 sent "X-Forwarded-For: 6.6.6.6"; two trusted proxies appended after it.
        assertEquals("198.51.100.7", resolver.resolve("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1"));
    }

    @Test
    void allTrustedChainYieldsLeftmost() {
        assertEquals("10.9.9.9", resolver.resolve("10.0.0.2", "10.9.9.9, 10.0.0.1"));
    }

    @Test
    void garbageEndsTheWalk() {
        assertEquals("10.0.0.2", resolver.resolve("10.0.0.2", "not-an-ip"));
        assertEquals("10.0.0.1", resolver.resolve("10.0.0.2", "1.2.3.4, evil.example.com, 10.0.0.1"));
        assertEquals("198.51.100.7", resolver.resolve("10.0.0.2", "garbage, 198.51.100.7"));
        assertEquals("10.0.0.2", resolver.resolve("10.0.0.2", "999.1.1.1"));
        assertEquals("10.0.0.2", resolver.resolve("10.0.0.2", ""));
    }

    @Test
    void ipv6AndPortsAreCanonicalised() {
        assertEquals("2001:db8:0:0:0:0:0:1", resolver.resolve("::1", "2001:db8::1"));
        assertEquals("2001:db8:0:0:0:0:0:1", resolver.resolve("::1", "[2001:db8::1]:443"));
        assertEquals("198.51.100.7", resolver.resolve("::1", "198.51.100.7:5555"));
        assertEquals("0:0:0:0:0:0:0:1", resolver.resolve("0:0:0:0:0:0:0:1", null));
        assertEquals("198.51.100.7", resolver.resolve("::ffff:10.0.0.5", "198.51.100.7"), "mapped v4 peer");
    }

    @Test
    void unparseablePeerIsReturnedAsIs() {
        assertEquals("unix-socket", resolver.resolve("unix-socket", "1.2.3.4"));
    }

    @Test
    void cidrMatching() {
        CidrBlock v4 = CidrBlock.parse("192.168.1.77/24");
        assertEquals("192.168.1.0/24", v4.toString());
        assertTrue(v4.contains(ip("192.168.1.200")));
        assertFalse(v4.contains(ip("192.168.2.1")));
        assertFalse(v4.contains(ip("::1")));
        CidrBlock v6 = CidrBlock.parse("2001:db8::/32");
        assertTrue(v6.contains(ip("2001:db8:ffff::1")));
        assertFalse(v6.contains(ip("2001:db9::1")));
        assertTrue(CidrBlock.parse("0.0.0.0/0").contains(ip("8.8.8.8")));
        assertTrue(CidrBlock.parse("127.0.0.1").contains(ip("127.0.0.1")));
    }

    @Test
    void badCidrIsRejectedWithClearMessage() {
        for (String bad : new String[] {
                "10.0.0.0/33", "10.0.0/8", "localhost/32", "example.com", "10.0.0.0/x", "::1/129",
                "10.0.0.0/8,,127.0.0.1/32", "[::1]/128", "10.0.0.1:80", "10.0.0.0/"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(bad), bad);
            assertTrue(e.getMessage().contains("trusted proxy"), e.getMessage());
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/8, nope/8"));
        assertTrue(e.getMessage().contains("'nope/8'") || e.getMessage().contains("nope/8"), e.getMessage());
    }

    private static InetAddress ip(String s) {
        return IpLiteral.parse(s).orElseThrow();
    }
}
