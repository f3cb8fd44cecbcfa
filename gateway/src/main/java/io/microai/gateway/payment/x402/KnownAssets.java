package io.microai.gateway.payment.x402;

import java.util.Map;
import java.util.Optional;

/**
 * The default token per chain: the EIP-3009 USDC deployments that the official EVM package lists as its
 * default stablecoins (name, version and decimals as it has them). Keeping to that list matters beyond
 * convenience: the official client by default only pays assets it knows. Chains whose default there is a
 * token without EIP-3009 (paid through Permit2) are left out, because this gateway checks EIP-3009 only.
 */
public final class KnownAssets {
    private static final Map<Long, AssetInfo> BY_CHAIN = Map.of(
            8453L, new AssetInfo("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "USD Coin", "2", 6),    // Base
            84532L, new AssetInfo("0x036CbD53842c5426634e7929541eC2318f3dCF7e", "USDC", "2", 6),       // Base Sepolia
            1L, new AssetInfo("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "USD Coin", "2", 6),       // Ethereum
            43114L, new AssetInfo("0xB97EF9Ef8734C71904D8002F8b6Bc66Dd9c48a6E", "USD Coin", "2", 6),   // Avalanche C-Chain
            137L, new AssetInfo("0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", "USD Coin", "2", 6),     // Polygon
            42161L, new AssetInfo("0xaf88d065e77c8cC2239327C5EDb3A432268e5831", "USD Coin", "2", 6),   // Arbitrum One
            421614L, new AssetInfo("0x75faf114eafb1BDbe2F0316DF893fd58CE46AA4d", "USD Coin", "2", 6)); // Arbitrum Sepolia

    private KnownAssets() {
    }

    public static Optional<AssetInfo> forChain(long chainId) {
        return Optional.ofNullable(BY_CHAIN.get(chainId));
    }
}
