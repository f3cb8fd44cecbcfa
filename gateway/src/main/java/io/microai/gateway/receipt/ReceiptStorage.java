package io.microai.gateway.receipt;

import io.microai.shared.receipt.SignedReceipt;
import java.util.Optional;

/** Where issued receipts are kept for lookup: this gateway's memory, or also a fleet's shared Redis. */
public interface ReceiptStorage {
    /** @return false if the id is taken by another receipt (the caller should issue a new id) */
    boolean put(SignedReceipt receipt);

    /** Empty for unknown and for expired ids alike. */
    Optional<SignedReceipt> get(String id);

    /** Receipts held in this gateway's memory, for the size gauge. */
    long size();
}
