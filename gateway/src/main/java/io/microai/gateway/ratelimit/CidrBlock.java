package io.microai.gateway.ratelimit;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code ::1/128}. A bare address means a single host.
 * Host bits below the prefix are ignored, as Go's {@code net.ParseCIDR} does, so {@code 10.1.2.3/8} works.
 */
public final class CidrBlock {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrBlock(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the offending text when it is not a literal IP or CIDR */
    public static CidrBlock parse(String cidr) {
        String s = cidr == null ? "" : cidr.strip();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        long colons = addressPart.chars().filter(c -> c == ':').count();
        if (addressPart.startsWith("[") || colons == 1) {
            throw invalid(cidr, "expected a bare IP address without brackets or port");
        }
        InetAddress address = IpLiteral.parse(addressPart).orElseThrow(() -> invalid(cidr, "not an IP address"));
        byte[] bytes = address.getAddress();
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw invalid(cidr, "prefix length must be a number");
            }
            prefix = Integer.parseInt(p);
            if (prefix > maxPrefix) {
                throw invalid(cidr, "prefix length must be 0-" + maxPrefix);
            }
        }
        mask(bytes, prefix);
        return new CidrBlock(bytes, prefix, IpLiteral.format(bytes) + "/" + prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false; // IPv4-mapped IPv6 is already an Inet4Address, so families can be compared directly
        }
        mask(candidate, prefixLength);
        return Arrays.equals(candidate, network);
    }

    private static void mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - bitsInByte));
        }
    }

    private static IllegalArgumentException invalid(String cidr, String why) {
        return new IllegalArgumentException("invalid trusted proxy CIDR '" + cidr + "': " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrBlock other && other.prefixLength == prefixLength && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
