package io.microai.gateway.store;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever Redis holds under a nonce key. The property: it decodes or is refused with
 * {@link IllegalArgumentException} (which the store answers as its own failure), never another exception.
 */
class StoredNonceFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void storedValuesDecodeOrAreRefusedAsCorrupt(String raw) {
        if (raw == null) {
            return; // the fuzzer's null: the store asks for a key it found, whose value is a string
        }
        try {
            StoredNonce stored = StoredNonce.decode(raw);
            if (stored.payment() == null) {
                throw new AssertionError("a decoded nonce has its payment");
            }
        } catch (IllegalArgumentException e) {
            // corrupt: counted and answered as a store failure
        }
    }
}
