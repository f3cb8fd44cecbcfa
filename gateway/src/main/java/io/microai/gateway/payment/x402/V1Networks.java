package io.microai.gateway.payment.x402;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * x402 version 1 names networks by a fixed list of words instead of chain ids; this is the official EVM
 * package's list (of its 2.27 release). A chain missing here cannot be offered in version 1 at all.
 */
public final class V1Networks {
    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(1L, "ethereum"),
            Map.entry(11155111L, "sepolia"),
            Map.entry(2741L, "abstract"),
            Map.entry(11124L, "abstract-testnet"),
            Map.entry(84532L, "base-sepolia"),
            Map.entry(8453L, "base"),
            Map.entry(43113L, "avalanche-fuji"),
            Map.entry(43114L, "avalanche"),
            Map.entry(4689L, "iotex"),
            Map.entry(1329L, "sei"),
            Map.entry(1328L, "sei-testnet"),
            Map.entry(137L, "polygon"),
            Map.entry(80002L, "polygon-amoy"),
            Map.entry(3338L, "peaq"),
            Map.entry(1514L, "story"),
            Map.entry(41923L, "educhain"),
            Map.entry(324705682L, "skale-base-sepolia"),
            Map.entry(4326L, "megaeth"),
            Map.entry(143L, "monad"),
            Map.entry(988L, "stable"),
            Map.entry(2201L, "stable-testnet"),
            Map.entry(42220L, "celo"),
            Map.entry(14L, "flare"));

    private V1Networks() {
    }

    public static Optional<String> nameOf(long chainId) {
        return Optional.ofNullable(NAMES.get(chainId));
    }

    public static Optional<Long> chainIdOf(String name) {
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }

    /** Every name, ordered by chain id, for error messages. */
    static String describe() {
        return new TreeMap<>(NAMES).toString();
    }
}
