package io.microai.shared.eip712;

import static io.microai.shared.eip712.EthersVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.EthersVectors.Vector;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hash, signature and recovered address must agree with ethers.js, an independent implementation. */
class EthersCrossCheckTest {

    static List<Vector> vectors() {
        return EthersVectors.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void domainSeparatorMatchesEthers(Vector v) {
        assertEquals(v.domainSeparator(), hex(PaymentTypedData.domainSeparator(v.context().chainId())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void structHashMatchesEthers(Vector v) {
        assertEquals(v.structHash(), hex(PaymentTypedData.structHash(v.context())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void digestMatchesEthers(Vector v) {
        assertEquals(v.digest(), hex(PaymentTypedData.digest(v.context())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signingIsByteIdenticalToEthers(Vector v) {
        Signature ours = Secp256k1.sign(PaymentTypedData.digest(v.context()), v.privateKey());
        assertEquals(v.signature(), ours.toHex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void recoveringEthersSignatureYieldsSignerChecksumAddress(Vector v) {
        byte[] address = Secp256k1.recoverAddress(PaymentTypedData.digest(v.context()), Signature.parse(v.signature()));
        assertEquals(v.signerAddress(), Address.toChecksum(address));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void derivedAddressMatchesEthersWallet(Vector v) {
        assertEquals(v.signerAddress(), Secp256k1.addressOf(v.privateKey()));
    }

    @Test
    void fixtureCoversTheAdvertisedEdgeCases() {
        List<Vector> all = vectors();
        assertTrue(all.size() >= 60, "at least 60 vectors");
        Set<BigInteger> chains = all.stream().map(v -> v.context().chainId()).collect(Collectors.toSet());
        for (long id : new long[] {1, 8453, 84532, 11155111, 137}) {
            assertTrue(chains.contains(BigInteger.valueOf(id)), "chainId " + id);
        }
        assertTrue(chains.contains(BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(5))), "chainId 2^63+5");
        assertTrue(all.stream().anyMatch(v -> longest(v.context()) >= 2000), "a >= 2000-char field");
        assertTrue(all.stream().anyMatch(v -> v.context().nonce().codePoints().anyMatch(c -> c > 0xFFFF)),
                "a supplementary-plane (emoji) character");
        assertTrue(all.stream().anyMatch(v -> v.signature().endsWith("1b")), "a v=27 signature");
        assertTrue(all.stream().anyMatch(v -> v.signature().endsWith("1c")), "a v=28 signature");
        assertTrue(all.stream().anyMatch(v -> !v.context().recipient().equals(v.context().recipient().toLowerCase())
                && !v.context().recipient().equals(Address.toChecksum(Address.parse(v.context().recipient())))),
                "a recipient that is mixed/upper case but not EIP-55");
    }

    @Test
    void upstreamGoldenKeyRecoversItsKnownAddress() {
        Vector golden = vectors().stream().filter(v -> v.name().equals("upstream-golden")).findFirst().orElseThrow();
        assertEquals("0x3cDB3d9e1B74692Bb1E3bb5fc81938151cA64b02", golden.signerAddress());
        byte[] recovered = Secp256k1.recoverAddress(PaymentTypedData.digest(golden.context()),
                Signature.parse(golden.signature()));
        assertEquals(golden.signerAddress(), Address.toChecksum(recovered));
    }

    private static int longest(PaymentContext c) {
        return Math.max(c.token().length(), Math.max(c.amount().length(), c.nonce().length()));
    }
}
