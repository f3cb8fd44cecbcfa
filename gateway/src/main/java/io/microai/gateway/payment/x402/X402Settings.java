package io.microai.gateway.payment.x402;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.TokenDomain;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an x402 payment to this gateway must be, read from the environment and validated once at start.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code PAYMENT_PROTOCOLS}</td><td>{@code x402,x402-v1,legacy}</td><td>see {@link PaymentProtocols}</td></tr>
 *   <tr><td>{@code CHAIN_ID}</td><td>8453</td><td>network {@code eip155:<id>}; at most 2^53-1</td></tr>
 *   <tr><td>{@code RECIPIENT_ADDRESS}</td><td>{@code 0x2cAF…2219}</td><td>{@code payTo}, rendered EIP-55</td></tr>
 *   <tr><td>{@code PAYMENT_AMOUNT}</td><td>0.001</td><td>whole tokens; times 10^decimals must be a positive integer</td></tr>
 *   <tr><td>{@code X402_ASSET}</td><td>from {@link KnownAssets}</td><td>token contract</td></tr>
 *   <tr><td>{@code X402_ASSET_NAME}, {@code _VERSION}, {@code _DECIMALS}</td><td>from {@link KnownAssets}</td><td>the token's EIP-712 domain and decimals</td></tr>
 *   <tr><td>{@code X402_MAX_TIMEOUT_SECONDS}</td><td>60</td><td>10..3600</td></tr>
 *   <tr><td>{@code PUBLIC_BASE_URL}</td><td>unset</td><td>absolute http(s) URL the resource URLs are built from</td></tr>
 * </table>
 *
 * <p>The asset's name, version and decimals default from the table only while {@code X402_ASSET} is unset
 * or names the table's token: for any other token the table describes the wrong contract, so all four
 * must be given.
 *
 * @param versions      the x402 versions offered; version 1 only where the chain has a version-1 name
 * @param amount        atomic units of the asset
 * @param publicBaseUrl without a trailing slash
 */
public record X402Settings(
        Set<X402Version> versions,
        long chainId,
        String payTo,
        BigInteger amount,
        AssetInfo asset,
        int maxTimeoutSeconds,
        Optional<URI> publicBaseUrl) {

    public static final long DEFAULT_CHAIN_ID = 8453;
    public static final String DEFAULT_RECIPIENT = "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219";
    public static final String DEFAULT_AMOUNT = "0.001";
    public static final int DEFAULT_MAX_TIMEOUT_SECONDS = 60;
    /** The official client turns the chain id into a JavaScript number; above this it is no longer exact. */
    static final long MAX_SAFE_CHAIN_ID = (1L << 53) - 1;
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,40})(\\.[0-9]{1,40})?");

    public X402Settings {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one x402 version");
        }
        versions = Collections.unmodifiableSet(EnumSet.copyOf(versions));
        if (versions.contains(X402Version.V1) && V1Networks.nameOf(chainId).isEmpty()) {
            throw new IllegalArgumentException("chain " + chainId + " has no x402 v1 network name");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }

    /**
     * The x402 settings, or empty when {@code protocols} enables neither x402 version (then nothing
     * x402-specific is read, so a legacy-only gateway on an unlisted chain needs no asset settings).
     */
    public static Optional<X402Settings> from(Env env, PaymentProtocols protocols) {
        if (!protocols.anyX402()) {
            return Optional.empty();
        }
        long chainId = env.longValue("CHAIN_ID", DEFAULT_CHAIN_ID, 1, Long.MAX_VALUE);
        if (chainId > MAX_SAFE_CHAIN_ID) {
            throw new ConfigException("CHAIN_ID must be at most " + MAX_SAFE_CHAIN_ID
                    + " for x402 (the official client reads it as a JavaScript number), got " + chainId);
        }
        Set<X402Version> versions = versions(protocols, chainId);
        String payTo = address(env, "RECIPIENT_ADDRESS", DEFAULT_RECIPIENT);
        AssetInfo asset = asset(env, chainId);
        BigInteger amount = atomicAmount(env.string("PAYMENT_AMOUNT", DEFAULT_AMOUNT), asset.decimals());
        int maxTimeout = env.integer("X402_MAX_TIMEOUT_SECONDS", DEFAULT_MAX_TIMEOUT_SECONDS, 10, 3600);
        return Optional.of(new X402Settings(versions, chainId, payTo, amount, asset, maxTimeout, publicBaseUrl(env)));
    }

    /** CAIP-2 network id, as version 2 names it. */
    public String network() {
        return "eip155:" + chainId;
    }

    /** Version 1's name for the chain, when it has one. */
    public Optional<String> v1Network() {
        return V1Networks.nameOf(chainId);
    }

    public boolean offers(X402Version version) {
        return versions.contains(version);
    }

    /** The one version-2 requirement this gateway offers. */
    public PaymentRequirements requirements() {
        return new PaymentRequirements(PaymentRequirements.EXACT, network(), amount.toString(), asset.address(), payTo,
                maxTimeoutSeconds, asset.name(), asset.version());
    }

    /** The EIP-712 domain every payment here is signed under: the asset's own name and version, this chain, the asset. */
    public TokenDomain tokenDomain() {
        return new TokenDomain(asset.name(), asset.version(), BigInteger.valueOf(chainId), asset.address());
    }

    private static Set<X402Version> versions(PaymentProtocols protocols, long chainId) {
        EnumSet<X402Version> versions = EnumSet.noneOf(X402Version.class);
        if (protocols.has(PaymentProtocol.X402)) {
            versions.add(X402Version.V2);
        }
        if (protocols.has(PaymentProtocol.X402_V1)) {
            if (V1Networks.nameOf(chainId).isPresent()) {
                versions.add(X402Version.V1);
            } else if (protocols.explicit()) {
                throw new ConfigException(PaymentProtocols.VARIABLE + " includes x402-v1 but CHAIN_ID " + chainId
                        + " has no x402 v1 network name; known: " + V1Networks.describe());
            }
        }
        return versions; // never empty: only an explicit set can lack x402, and an unusable explicit v1 threw above
    }

    private static String address(Env env, String variable, String defaultValue) {
        String raw = env.string(variable, defaultValue);
        try {
            // Wallets refuse a mis-checksummed address, so every address leaves this gateway in EIP-55 form.
            return Address.toChecksum(Address.parse(raw));
        } catch (Eip712Exception e) {
            throw new ConfigException(variable + " must be a 0x-prefixed 20-byte hex address, got '" + raw + "'");
        }
    }

    private static AssetInfo asset(Env env, long chainId) {
        Optional<AssetInfo> known = KnownAssets.forChain(chainId);
        Optional<String> assetAddress = env.get("X402_ASSET").map(a -> address(env, "X402_ASSET", a));
        boolean tableApplies = known.isPresent()
                && (assetAddress.isEmpty() || assetAddress.get().equalsIgnoreCase(known.get().address()));
        Optional<String> name = text(env, "X402_ASSET_NAME");
        Optional<String> version = text(env, "X402_ASSET_VERSION");
        Optional<Integer> decimals = env.get("X402_ASSET_DECIMALS").map(d -> env.integer("X402_ASSET_DECIMALS", 0, 0, 36));
        if (tableApplies) {
            AssetInfo table = known.get();
            return new AssetInfo(table.address(), name.orElse(table.name()), version.orElse(table.version()),
                    decimals.orElse(table.decimals()));
        }
        List<String> missing = new ArrayList<>();
        if (assetAddress.isEmpty()) {
            missing.add("X402_ASSET");
        }
        if (name.isEmpty()) {
            missing.add("X402_ASSET_NAME");
        }
        if (version.isEmpty()) {
            missing.add("X402_ASSET_VERSION");
        }
        if (decimals.isEmpty()) {
            missing.add("X402_ASSET_DECIMALS");
        }
        if (!missing.isEmpty()) {
            String why = known.isEmpty()
                    ? "CHAIN_ID " + chainId + " has no known x402 asset"
                    : "X402_ASSET is not the known asset of CHAIN_ID " + chainId;
            throw new ConfigException(why + ", so X402_ASSET, X402_ASSET_NAME, X402_ASSET_VERSION and "
                    + "X402_ASSET_DECIMALS are all required; missing: " + String.join(", ", missing));
        }
        return new AssetInfo(assetAddress.get(), name.get(), version.get(), decimals.get());
    }

    /** EIP-712 domain strings: printable, short; a control character here is a paste accident, not a token name. */
    private static Optional<String> text(Env env, String variable) {
        Optional<String> value = env.get(variable);
        value.ifPresent(v -> {
            if (v.length() > 100 || v.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(variable + " must be at most 100 printable characters, got '" + v + "'");
            }
        });
        return value;
    }

    /** {@code amount × 10^decimals}, refused unless it is a positive whole number that fits a uint256. */
    static BigInteger atomicAmount(String amount, int decimals) {
        if (!DECIMAL.matcher(amount).matches()) {
            throw new ConfigException("PAYMENT_AMOUNT must be a decimal number such as 0.001, got '" + amount + "'");
        }
        BigDecimal scaled = new BigDecimal(amount).movePointRight(decimals);
        BigInteger atomic;
        try {
            atomic = scaled.stripTrailingZeros().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ConfigException("PAYMENT_AMOUNT " + amount + " has more decimal places than the asset's "
                    + decimals + " decimals");
        }
        if (atomic.signum() <= 0) {
            throw new ConfigException("PAYMENT_AMOUNT must be greater than zero, got '" + amount + "'");
        }
        if (atomic.compareTo(UINT256_LIMIT) >= 0) {
            throw new ConfigException("PAYMENT_AMOUNT " + amount + " does not fit a uint256 in atomic units");
        }
        return atomic;
    }

    private static Optional<URI> publicBaseUrl(Env env) {
        Optional<String> raw = env.get("PUBLIC_BASE_URL");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String text = raw.get();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw badBaseUrl(text, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw badBaseUrl(text, "scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw badBaseUrl(text, "it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw badBaseUrl(text, "credentials would be published in every challenge");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw badBaseUrl(text, "it must have no query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return Optional.of(new URI(scheme + "://" + uri.getRawAuthority() + path));
        } catch (URISyntaxException e) {
            throw badBaseUrl(text, "not a URL");
        }
    }

    private static ConfigException badBaseUrl(String value, String why) {
        return new ConfigException("PUBLIC_BASE_URL must be an absolute http(s) URL without query or fragment ("
                + why + "), got '" + value + "'");
    }
}
