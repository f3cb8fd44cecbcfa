package io.microai.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses textual IPv4/IPv6 addresses without ever touching DNS.
 *
 * <p>{@link InetAddress#getByName} silently falls back to a DNS lookup for anything it does not recognise
 * as a literal, and header values are attacker-controlled, so input is screened first: IPv4 is parsed by
 * hand, and IPv6 is passed in brackets, which makes the JDK reject rather than resolve invalid text.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /** Accepts bare IPs, {@code [v6]}, {@code [v6]:port} and {@code v4:port}; zone ids are dropped. */
    static Optional<InetAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !(close == s.length() - 1 || s.charAt(close + 1) == ':')) {
                return Optional.empty();
            }
            return parseV6(s.substring(1, close));
        }
        int colons = s.length() - s.replace(":", "").length();
        if (colons == 1) {
            s = s.substring(0, s.indexOf(':')); // "1.2.3.4:5678"
            return parseV4(s);
        }
        return colons == 0 ? parseV4(s) : parseV6(s);
    }

    private static Optional<InetAddress> parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) v;
        }
        return byAddress(bytes);
    }

    private static Optional<InetAddress> parseV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty() || s.length() > 45 || s.indexOf(':') < 0
                || !s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName("[" + s + "]"));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Canonical text of a raw 4- or 16-byte address. */
    static String format(byte[] address) {
        return byAddress(address).map(InetAddress::getHostAddress).orElseThrow();
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // unreachable for 4 or 16 bytes
        }
    }
}
