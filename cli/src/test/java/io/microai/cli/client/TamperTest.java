package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TamperTest {
    static final String SIGNATURE = Wallet.random().sign(new PaymentContext(
            "0x2e988A386a799F506693793c6A5AF6B54dfAaBfB", "USDC", "0.001", "nonce-1", BigInteger.valueOf(8453)));
    static final String NONCE = "3f1c9a0e-2b7d-4e55-9a41-0c6f8d2e7b13";

    @Test
    void theMalleatedSignatureIsTheWellFormedHighSTwinOfTheValidOne() {
        Signature valid = Signature.parse(SIGNATURE);
        Signature twin = Signature.parse(Tamper.malleated().signature().apply(SIGNATURE));
        assertEquals(valid.r(), twin.r());
        assertEquals(Secp256k1.N.subtract(valid.s()), twin.s());
        assertTrue(twin.s().compareTo(Secp256k1.HALF_N) > 0, "high s");
        assertNotEquals(valid.v(), twin.v());
        assertEquals(NONCE, Tamper.malleated().nonce().apply(NONCE), "the nonce is left alone");
    }

    @Test
    void eachGarbledKindAltersExactlyOneHeaderTheSignatureKindsFirst() {
        for (int kind = 0; kind < Tamper.GARBLED_KINDS; kind++) {
            Tamper tamper = Tamper.garbled(kind);
            String signature = tamper.signature().apply(SIGNATURE);
            String nonce = tamper.nonce().apply(NONCE);
            if (kind < Tamper.SIGNATURE_KINDS) {
                assertNotEquals(SIGNATURE, signature, "kind " + kind);
                assertEquals(NONCE, nonce, "kind " + kind);
            } else {
                assertEquals(SIGNATURE, signature, "kind " + kind);
                assertNotEquals(NONCE, nonce, "kind " + kind);
            }
        }
    }
}
