package io.microai.gateway.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The set of reverse proxies whose {@code X-Forwarded-For} entries may be believed. Empty trusts nobody. */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<CidrBlock> blocks;

    private TrustedProxies(List<CidrBlock> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    public static TrustedProxies of(List<CidrBlock> blocks) {
        return new TrustedProxies(blocks);
    }

    /**
     * Parses a comma-separated CIDR list such as {@code "10.0.0.0/8, 127.0.0.1/32, ::1/128"}; null or blank
     * yields {@link #none()}. Hostnames are rejected rather than resolved, so startup never depends on DNS.
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static TrustedProxies parse(String csv) {
        if (csv == null || csv.isBlank()) {
            return NONE;
        }
        List<CidrBlock> blocks = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("invalid trusted proxy list '" + csv + "': empty entry");
            }
            blocks.add(CidrBlock.parse(part));
        }
        return new TrustedProxies(blocks);
    }

    public boolean isTrusted(InetAddress address) {
        for (CidrBlock b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public List<CidrBlock> blocks() {
        return blocks;
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
