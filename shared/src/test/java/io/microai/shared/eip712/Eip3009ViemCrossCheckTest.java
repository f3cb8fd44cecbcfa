package io.microai.shared.eip712;

import static io.microai.shared.eip712.ViemEip3009Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.ViemEip3009Vectors.Vector;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every EIP-3009 hash, signature and recovered signer must agree with viem, the official x402 client's signer. */
class Eip3009ViemCrossCheckTest {

    private static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    static List<Vector> vectors() {
        return ViemEip3009Vectors.all();
    }

    @Test
    void typeStringAndTypeHashMatchViem() {
        assertEquals(ViemEip3009Vectors.typeString(), Eip3009TypedData.TYPE_STRING);
        for (Vector v : vectors()) {
            assertEquals(v.typeHash(), hex(Eip3009TypedData.typeHash()), v.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void domainSeparatorMatchesViem(Vector v) {
        assertEquals(v.domainSeparator(), hex(v.domain().separator()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void structHashMatchesViem(Vector v) {
        assertEquals(v.structHash(), hex(Eip3009TypedData.structHash(v.message())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void digestMatchesViem(Vector v) {
        assertEquals(v.digest(), hex(Eip3009TypedData.digest(v.domain(), v.message())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signingIsByteIdenticalToViem(Vector v) {
        assertEquals(v.signature(), Eip3009Signatures.sign(v.domain(), v.message(), v.key()).toHex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void recoveringViemSignatureYieldsTheSignerAndItsFrom(Vector v) {
        Signature signature = Signature.parse(v.signature());
        byte[] signer = Eip3009Signatures.recoverSigner(v.domain(), v.message(), signature);
        assertEquals(v.address(), Address.toChecksum(signer));
        assertTrue(Eip3009Signatures.isSignedByFrom(v.domain(), v.message(), signature));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void derivedAddressMatchesViemAccount(Vector v) {
        assertEquals(v.address(), Secp256k1.addressOf(v.key()));
    }

    @Test
    void fixtureCoversTheAdvertisedEdgeCases() {
        List<Vector> all = vectors();
        assertTrue(all.size() >= 40, "at least 40 vectors");
        Set<BigInteger> chains = all.stream().map(v -> v.domain().chainId()).collect(Collectors.toSet());
        for (long id : new long[] {1, 8453, 84532, 31337, 11155111, 137}) {
            assertTrue(chains.contains(BigInteger.valueOf(id)), "chainId " + id);
        }
        assertTrue(chains.contains(MAX_UINT256), "chainId 2^256-1");
        assertTrue(any(v -> v.domain().name().codePoints().anyMatch(c -> c > 0xFFFF)), "an emoji token name");
        assertTrue(any(v -> v.domain().name().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)),
                "a CJK token name");
        assertTrue(any(v -> v.domain().name().length() >= 2000), "a >= 2000-char token name");
        assertTrue(any(v -> v.domain().version().isEmpty()), "an empty version");
        assertTrue(any(v -> v.domain().version().chars().anyMatch(c -> c > 0x7F)), "a non-ASCII version");
        assertTrue(any(v -> v.message().value().equals(MAX_UINT256.toString())), "value 2^256-1");
        assertTrue(any(v -> v.message().validBefore().equals(MAX_UINT256.toString())), "validBefore 2^256-1");
        assertTrue(any(v -> v.message().value().equals("0")), "value 0");
        assertTrue(any(v -> v.message().nonce().equals("0x" + "00".repeat(32))), "the zero nonce");
        assertTrue(any(v -> v.message().nonce().equals("0x" + "ff".repeat(32))), "the all-ones nonce");
        assertTrue(any(v -> !v.message().nonce().equals(v.message().nonce().toLowerCase())), "an uppercase-hex nonce");
        assertTrue(any(v -> v.message().to().equals(v.message().to().toLowerCase())
                && !v.message().to().matches("0x0+")), "a lowercase recipient");
        assertTrue(any(v -> v.signature().endsWith("1b")), "a v=27 signature");
        assertTrue(any(v -> v.signature().endsWith("1c")), "a v=28 signature");
    }

    private static boolean any(Predicate<Vector> p) {
        return vectors().stream().anyMatch(p);
    }
}
