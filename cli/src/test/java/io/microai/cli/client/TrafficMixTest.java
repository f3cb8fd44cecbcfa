package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TrafficMixTest {
    @Test
    void theMixSendsHonestInvalidOrGarbledPaymentsInTheSharesItIsGiven() {
        RandomGenerator random = new SplittableRandom(7);
        String signature = TamperTest.SIGNATURE;
        String nonce = TamperTest.NONCE;
        assertSame(Tamper.NONE, new TrafficMix(0.3, 0, 0).tamper(random));
        assertEquals(Tamper.malleate(signature), new TrafficMix(0, 1, 0).tamper(random).signature().apply(signature));
        Tamper garbled = new TrafficMix(0, 0, 1).tamper(random);
        assertTrue(!garbled.signature().apply(signature).equals(signature) || !garbled.nonce().apply(nonce).equals(nonce));
    }

    @Test
    void popularTextsComeBackInTurnAndOtherTextsAreUnique() {
        RandomGenerator random = new SplittableRandom(7);
        TrafficMix popular = new TrafficMix(1, 0, 0);
        assertEquals(popular.text(0, random), popular.text(5, random));
        assertNotEquals(popular.text(0, random), popular.text(1, random));
        TrafficMix unique = new TrafficMix(0, 0, 0);
        assertTrue(unique.text(3, random).startsWith("Flow 3 "));
        assertNotEquals(unique.text(3, random), unique.text(3, random));
    }
}
