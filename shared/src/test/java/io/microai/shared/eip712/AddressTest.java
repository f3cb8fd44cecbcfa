package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // Examples from the EIP-55 specification.
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            "0xde709f2102306220921060314715629080e2fb77",
            "0x27b1fdb04752bbc536007a920d24acb045561c26"})
    void checksumMatchesEip55Examples(String expected) {
        assertEquals(expected, Address.toChecksum(Address.parse(expected.toLowerCase())));
    }

    @Test
    void parseAcceptsAnyLetterCase() {
        byte[] lower = Address.parse("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359");
        assertArrayEquals(lower, Address.parse("0xFB6916095CA1DF60BB79CE92CE3EA74C37C5D359"));
        assertArrayEquals(lower, Address.parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
        // Wrong checksum casing is still the same 20 bytes (upstream did not enforce EIP-55 either).
        assertArrayEquals(lower, Address.parse("0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00",
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeZ",
            "0x 5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"})
    void parseRejectsWrongLengthOrNonHexAsInvalidRecipient(String text) {
        assertEquals(Reason.INVALID_RECIPIENT, assertThrows(Eip712Exception.class, () -> Address.parse(text)).reason());
    }

    @Test
    void addressOfPrivateKeyOneIsTheWellKnownAccount() {
        assertEquals("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", Secp256k1.addressOf(BigInteger.ONE));
    }

    @Test
    void publicKeyFormsAllDeriveTheSameAddress() {
        ECPoint q = Secp256k1.publicKeyOf(BigInteger.valueOf(2));
        byte[] sec1 = q.getEncoded(false);
        byte[] xy = java.util.Arrays.copyOfRange(sec1, 1, 65);
        assertArrayEquals(Address.fromPublicKey(q), Address.fromPublicKey(sec1));
        assertArrayEquals(Address.fromPublicKey(q), Address.fromPublicKey(xy));
        assertEquals("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF", Address.toChecksum(Address.fromPublicKey(q)));
    }
}
