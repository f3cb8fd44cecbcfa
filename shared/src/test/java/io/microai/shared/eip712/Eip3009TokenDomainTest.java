package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Eip3009TokenDomainTest {

    private static final String USDC = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";

    private static Eip712Exception rejection(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(Eip712Exception.class, call);
    }

    @Test
    void caip2NetworkGivesTheSameDomainAsTheChainId() {
        assertEquals(new TokenDomain("USDC", "2", BigInteger.valueOf(84532), USDC),
                TokenDomain.ofNetwork("USDC", "2", "eip155:84532", USDC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "base-sepolia", "eip155:", "eip155:0", "eip155:-1", "eip155:084532", "eip155:0x14a34",
            "eip155:84532 ", "solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp", "EIP155:84532"})
    void anythingButEip155WithAPositiveDecimalIsAnInvalidChainId(String network) {
        assertEquals(Reason.INVALID_CHAIN_ID, rejection(() -> TokenDomain.ofNetwork("USDC", "2", network, USDC)).reason());
    }

    @Test
    void missingNetworkIsAnInvalidChainId() {
        assertEquals(Reason.INVALID_CHAIN_ID, rejection(() -> TokenDomain.ofNetwork("USDC", "2", null, USDC)).reason());
    }

    @Test
    void zeroNegativeMissingAndOversizedChainIdsAreRejectedWhenHashed() {
        for (BigInteger chainId : new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(-1), null,
                BigInteger.ONE.shiftLeft(256)}) {
            TokenDomain domain = new TokenDomain("USDC", "2", chainId, USDC);
            assertEquals(Reason.INVALID_CHAIN_ID, rejection(domain::separator).reason(), String.valueOf(chainId));
        }
    }

    @Test
    void badVerifyingContractIsAMalformedAuthorizationNamingTheField() {
        TokenDomain domain = new TokenDomain("USDC", "2", BigInteger.ONE, "0x1234");
        Eip712Exception e = rejection(domain::separator);
        assertEquals(Reason.MALFORMED_AUTHORIZATION, e.reason());
        assertTrue(e.getMessage().contains("verifyingContract"), e.getMessage());
    }

    @Test
    void verifyingContractIsComparedByBytesNotSpelling() {
        byte[] checksummed = new TokenDomain("USDC", "2", BigInteger.ONE, USDC).separator();
        byte[] lower = new TokenDomain("USDC", "2", BigInteger.ONE, USDC.toLowerCase()).separator();
        assertTrue(Arrays.equals(checksummed, lower));
    }

    @Test
    void everyDomainFieldChangesTheSeparator() {
        byte[] base = new TokenDomain("USDC", "2", BigInteger.ONE, USDC).separator();
        assertFalse(Arrays.equals(base, new TokenDomain("USD Coin", "2", BigInteger.ONE, USDC).separator()));
        assertFalse(Arrays.equals(base, new TokenDomain("USDC", "1", BigInteger.ONE, USDC).separator()));
        assertFalse(Arrays.equals(base, new TokenDomain("USDC", "2", BigInteger.TWO, USDC).separator()));
        assertFalse(Arrays.equals(base, new TokenDomain("USDC", "2", BigInteger.ONE,
                "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913").separator()));
    }

    @Test
    void nameAndVersionAreRequired() {
        assertThrows(NullPointerException.class, () -> new TokenDomain(null, "2", BigInteger.ONE, USDC));
        assertThrows(NullPointerException.class, () -> new TokenDomain("USDC", null, BigInteger.ONE, USDC));
    }
}
