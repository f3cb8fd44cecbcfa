package io.microai.gateway.receipt;

import io.microai.gateway.store.ReceiptStoreUnavailableException;
import io.microai.gateway.store.RedisReceiptStore;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code RECEIPT_STORE=redis}: receipts in the fleet's Redis, so any gateway answers a lookup, and a copy
 * in this gateway's memory, so the issuing gateway answers even while Redis is down.
 *
 * <p>A paid answer is never withheld for the shared store: when Redis cannot take a receipt, the client
 * still gets it in {@code X-402-Receipt}, the failure is counted in
 * {@code gateway_store_errors_total{store="receipt"}} and logged with the receipt id, and the issuing
 * gateway can still look it up. Only the other gateways miss it.
 */
public final class FleetReceiptStore implements ReceiptStorage {
    private static final Logger LOG = Logger.getLogger(FleetReceiptStore.class.getName());

    private final ReceiptStore local;
    private final RedisReceiptStore shared;

    public FleetReceiptStore(ReceiptStore local, RedisReceiptStore shared) {
        this.local = Objects.requireNonNull(local, "local");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public boolean put(SignedReceipt receipt) {
        String json = receipt.toJson();
        try {
            Optional<String> held = shared.putIfAbsent(receipt.id(), json);
            if (held.isPresent() && !held.get().equals(json)) {
                return false;
            }
        } catch (ReceiptStoreUnavailableException e) {
            LOG.warning("receipt " + receipt.id() + " is not in the shared store (" + e.getMessage()
                    + "): the client has it in its X-402-Receipt header and this gateway keeps it; other gateways cannot look it up");
        }
        return local.put(receipt);
    }

    /** This gateway's copy first; then the fleet's. */
    @Override
    public Optional<SignedReceipt> get(String id) {
        Optional<SignedReceipt> mine = local.get(id);
        if (mine.isPresent()) {
            return mine;
        }
        Optional<String> json = shared.get(id);
        try {
            return json.map(ReceiptVerifier::parse);
        } catch (IllegalArgumentException e) {
            // Something else wrote under our key: no receipt of ours, so none to show.
            LOG.warning("the shared store holds no valid receipt under " + id + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public long size() {
        return local.size();
    }
}
