package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class X402SettingsTest {

    private static Env env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return new Env(map);
    }

    private static Optional<X402Settings> read(String... pairs) {
        Env env = env(pairs);
        return X402Settings.from(env, PaymentProtocols.from(env));
    }

    private static String failure(String... pairs) {
        return assertThrows(ConfigException.class, () -> read(pairs)).getMessage();
    }

    @Test
    void defaultsAreUsdcOnBaseAtOneTenthOfACentToUpstreamsRecipient() {
        X402Settings s = read().orElseThrow();
        assertEquals(EnumSet.of(X402Version.V1, X402Version.V2), s.versions());
        assertEquals("eip155:8453", s.network());
        assertEquals(Optional.of("base"), s.v1Network());
        assertEquals("0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219", s.payTo());
        assertEquals(BigInteger.valueOf(1000), s.amount());
        assertEquals(new AssetInfo("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "USD Coin", "2", 6), s.asset());
        assertEquals(60, s.maxTimeoutSeconds());
        assertEquals(Optional.empty(), s.publicBaseUrl());
    }

    @Test
    void baseSepoliaDefaultsToItsUsdcNamedUsdc() {
        X402Settings s = read("CHAIN_ID", "84532").orElseThrow();
        assertEquals(new AssetInfo("0x036CbD53842c5426634e7929541eC2318f3dCF7e", "USDC", "2", 6), s.asset());
        assertEquals(Optional.of("base-sepolia"), s.v1Network());
    }

    @Test
    void recipientIsRenderedEip55() {
        assertEquals("0x209693Bc6afc0C5328bA36FaF03C514EF312287C",
                read("RECIPIENT_ADDRESS", "0x209693bc6afc0c5328ba36faf03c514ef312287c").orElseThrow().payTo());
    }

    @Test
    void legacyOnlyReadsNoX402SettingsEvenOnAnUnlistedChain() {
        assertEquals(Optional.empty(), read("PAYMENT_PROTOCOLS", "legacy", "CHAIN_ID", "31337"));
    }

    @Test
    void protocolListIsCaseInsensitiveAndSpaceTolerant() {
        PaymentProtocols p = PaymentProtocols.from(env("PAYMENT_PROTOCOLS", " X402 , legacy"));
        assertEquals(EnumSet.of(PaymentProtocol.X402, PaymentProtocol.LEGACY), p.enabled());
        assertEquals(EnumSet.of(X402Version.V2), X402Settings.from(env(), p).orElseThrow().versions());
    }

    @Test
    void unknownProtocolIsRefusedNamingTheVariable() {
        String message = failure("PAYMENT_PROTOCOLS", "x402,x403");
        assertTrue(message.startsWith("PAYMENT_PROTOCOLS has unknown protocol 'x403'"), message);
    }

    @Test
    void emptyProtocolEntryIsRefused() {
        assertTrue(failure("PAYMENT_PROTOCOLS", "x402,,legacy").startsWith("PAYMENT_PROTOCOLS has an empty entry"));
        assertTrue(failure("PAYMENT_PROTOCOLS", ",").startsWith("PAYMENT_PROTOCOLS has an empty entry"));
    }

    @Test
    void explicitV1OnAChainWithoutAV1NameIsRefused() {
        String message = failure("PAYMENT_PROTOCOLS", "x402-v1", "CHAIN_ID", "31337", "X402_ASSET",
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", "X402_ASSET_NAME", "Test", "X402_ASSET_VERSION", "1",
                "X402_ASSET_DECIMALS", "6");
        assertTrue(message.startsWith("PAYMENT_PROTOCOLS includes x402-v1 but CHAIN_ID 31337 has no x402 v1 network name"), message);
    }

    @Test
    void defaultProtocolsOnAChainWithoutAV1NameOfferOnlyV2() {
        X402Settings s = read("CHAIN_ID", "31337", "X402_ASSET", "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                "X402_ASSET_NAME", "Test Token", "X402_ASSET_VERSION", "1", "X402_ASSET_DECIMALS", "18").orElseThrow();
        assertEquals(EnumSet.of(X402Version.V2), s.versions());
        assertEquals(new BigInteger("1000000000000000"), s.amount());
        assertEquals(new AssetInfo("0x5FbDB2315678afecb367f032d93F642f64180aa3", "Test Token", "1", 18), s.asset());
    }

    @Test
    void unlistedChainNamesEveryMissingAssetVariable() {
        String message = failure("CHAIN_ID", "31337", "X402_ASSET_NAME", "Test");
        assertTrue(message.startsWith("CHAIN_ID 31337 has no known x402 asset"), message);
        assertTrue(message.endsWith("missing: X402_ASSET, X402_ASSET_VERSION, X402_ASSET_DECIMALS"), message);
    }

    @Test
    void anotherTokenOnAListedChainNeedsItsOwnDomainAndDecimals() {
        String message = failure("X402_ASSET", "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        assertTrue(message.startsWith("X402_ASSET is not the known asset of CHAIN_ID 8453"), message);
        assertTrue(message.endsWith("missing: X402_ASSET_NAME, X402_ASSET_VERSION, X402_ASSET_DECIMALS"), message);
    }

    @Test
    void theListedTokenSpelledInLowercaseKeepsTheTableDefaults() {
        X402Settings s = read("X402_ASSET", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913").orElseThrow();
        assertEquals("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", s.asset().address());
        assertEquals("USD Coin", s.asset().name());
    }

    @Test
    void amountFinerThanTheTokensDecimalsIsRefused() {
        String message = failure("PAYMENT_AMOUNT", "0.0000001");
        assertEquals("PAYMENT_AMOUNT 0.0000001 has more decimal places than the asset's 6 decimals", message);
    }

    @Test
    void amountWithTrailingZerosBeyondTheDecimalsIsExact() {
        assertEquals(BigInteger.valueOf(1_500_000), read("PAYMENT_AMOUNT", "1.500000000").orElseThrow().amount());
    }

    @Test
    void zeroNegativeAndNonDecimalAmountsAreRefused() {
        assertEquals("PAYMENT_AMOUNT must be greater than zero, got '0.000'", failure("PAYMENT_AMOUNT", "0.000"));
        assertTrue(failure("PAYMENT_AMOUNT", "-1").startsWith("PAYMENT_AMOUNT must be a decimal number"));
        assertTrue(failure("PAYMENT_AMOUNT", "1e-3").startsWith("PAYMENT_AMOUNT must be a decimal number"));
        assertTrue(failure("PAYMENT_AMOUNT", "01").startsWith("PAYMENT_AMOUNT must be a decimal number"));
        assertTrue(failure("PAYMENT_AMOUNT", "１").startsWith("PAYMENT_AMOUNT must be a decimal number"));
    }

    @Test
    void badRecipientIsRefused() {
        assertTrue(failure("RECIPIENT_ADDRESS", "0x1234").startsWith("RECIPIENT_ADDRESS must be a 0x-prefixed 20-byte hex address"));
    }

    @Test
    void badAssetAddressIsRefusedNamingX402Asset() {
        assertTrue(failure("X402_ASSET", "USDC").startsWith("X402_ASSET must be a 0x-prefixed 20-byte hex address"));
    }

    @Test
    void decimalsOutOfRangeAreRefused() {
        assertTrue(failure("X402_ASSET_DECIMALS", "37").startsWith("X402_ASSET_DECIMALS must be an integer between 0 and 36"));
    }

    @Test
    void assetNameWithAControlCharacterIsRefused() {
        assertTrue(failure("X402_ASSET_NAME", "USD\tCoin").startsWith("X402_ASSET_NAME must be at most 100 printable characters"));
    }

    @Test
    void timeoutOutsideTenToAnHourIsRefused() {
        assertTrue(failure("X402_MAX_TIMEOUT_SECONDS", "9").startsWith("X402_MAX_TIMEOUT_SECONDS must be an integer between 10 and 3600"));
        assertTrue(failure("X402_MAX_TIMEOUT_SECONDS", "3601").startsWith("X402_MAX_TIMEOUT_SECONDS"));
        assertEquals(3600, read("X402_MAX_TIMEOUT_SECONDS", "3600").orElseThrow().maxTimeoutSeconds());
    }

    @Test
    void chainIdBeyondJavaScriptsSafeIntegersIsRefused() {
        assertTrue(failure("CHAIN_ID", "9007199254740992").startsWith("CHAIN_ID must be at most 9007199254740991"));
        assertTrue(failure("CHAIN_ID", "base").startsWith("CHAIN_ID must be an integer"));
    }

    @Test
    void publicBaseUrlLosesItsTrailingSlashAndKeepsItsPath() {
        assertEquals("https://api.example.com/paygate",
                read("PUBLIC_BASE_URL", "https://api.example.com/paygate/").orElseThrow().publicBaseUrl().orElseThrow().toString());
        assertEquals("http://localhost:8080",
                read("PUBLIC_BASE_URL", "HTTP://localhost:8080").orElseThrow().publicBaseUrl().orElseThrow().toString());
    }

    @Test
    void publicBaseUrlMustBeAbsoluteHttpWithoutQueryFragmentOrCredentials() {
        for (String bad : new String[] {"api.example.com", "ftp://api.example.com", "https://api.example.com/?a=1",
                "https://api.example.com/#top", "https://user:pw@api.example.com", "https:///path", "https://exa mple.com"}) {
            assertTrue(failure("PUBLIC_BASE_URL", bad).startsWith("PUBLIC_BASE_URL must be an absolute http(s) URL"), bad);
        }
    }

    @Test
    void requirementsCarryTheSettingsAsTheClientExpects() {
        PaymentRequirements r = read("CHAIN_ID", "84532", "PAYMENT_AMOUNT", "0.01").orElseThrow().requirements();
        assertEquals(new PaymentRequirements("exact", "eip155:84532", "10000", "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
                "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219", 60, "USDC", "2"), r);
        assertFalse(r.toJson().get("maxTimeoutSeconds").isTextual());
    }
}
