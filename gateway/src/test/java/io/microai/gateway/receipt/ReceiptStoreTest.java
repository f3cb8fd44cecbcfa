package io.microai.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.receipt.Receipts;
import io.microai.shared.receipt.SignedReceipt;
import io.microai.shared.testing.FakeClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiptStoreTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generateDevelopmentKey();

    private static SignedReceipt receipt(String id) {
        return SIGNER.sign(Receipts.sample(id));
    }

    @Test
    void storedReceiptIsFoundUntilItsTtlPasses() {
        FakeClock clock = new FakeClock();
        ReceiptStore store = new ReceiptStore(100, Duration.ofHours(24), clock::nanos);
        SignedReceipt r = receipt("rcpt_000000000001");
        assertTrue(store.put(r));
        clock.advance(Duration.ofHours(24).minusNanos(1));
        assertEquals(Optional.of(r), store.get(r.id()));
        clock.advance(Duration.ofNanos(1));
        assertEquals(Optional.empty(), store.get(r.id()));
        assertEquals(0, store.size());
    }

    @Test
    void unknownAndNullIdsAreEmpty() {
        ReceiptStore store = new ReceiptStore(10, Duration.ofMinutes(1), new FakeClock()::nanos);
        assertEquals(Optional.empty(), store.get("rcpt_ffffffffffff"));
        assertEquals(Optional.empty(), store.get(null));
    }

    @Test
    void storeNeverHoldsMoreThanMaxEntries() {
        ReceiptStore store = new ReceiptStore(5, Duration.ofHours(1), new FakeClock()::nanos);
        for (int i = 0; i < 50; i++) {
            assertTrue(store.put(receipt(String.format("rcpt_%012x", i))));
            assertTrue(store.size() <= 5, "size " + store.size());
        }
        int found = 0;
        for (int i = 0; i < 50; i++) {
            if (store.get(String.format("rcpt_%012x", i)).isPresent()) {
                found++;
            }
        }
        assertEquals(5, store.size());
        assertTrue(found <= 5, "found " + found);
    }

    @Test
    void anIdHeldByAnotherReceiptIsNotOverwritten() {
        ReceiptStore store = new ReceiptStore(10, Duration.ofHours(1), new FakeClock()::nanos);
        SignedReceipt first = receipt("rcpt_0000000000aa");
        SignedReceipt clash = ReceiptSigner.generateDevelopmentKey().sign(Receipts.sample("rcpt_0000000000aa"));
        assertTrue(store.put(first));
        assertFalse(store.put(clash));
        assertTrue(store.put(first), "re-storing the same receipt is idempotent");
        assertEquals(Optional.of(first), store.get(first.id()));
    }

    @Test
    void zeroOrNegativeTtlIsRejectedInsteadOfExpiringEverythingAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new ReceiptStore(10, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ReceiptStore(10, Duration.ofSeconds(-1)));
    }

    @Test
    void maxEntriesBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ReceiptStore(0, Duration.ofMinutes(1)));
    }
}
