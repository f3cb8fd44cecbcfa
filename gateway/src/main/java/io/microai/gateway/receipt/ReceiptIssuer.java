package io.microai.gateway.receipt;

import io.microai.gateway.payment.VerifiedPayment;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.receipt.ContentHash;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.SignedReceipt;
import java.time.Clock;
import java.util.Objects;

/**
 * The last step of a paid request: build, sign and store the receipt. Every dependency (signer, store) is built
 * and validated at startup, so nothing here depends on configuration: a missing or bad key found only here would
 * fail a request the client has already paid for, after the AI call was spent.
 */
public final class ReceiptIssuer {

    // Only an id clash with a live receipt can force a retry; even one retry is vanishingly rare.
    private static final int MAX_ATTEMPTS = 8;

    private final ReceiptSigner signer;
    private final ReceiptStore store;
    private final Clock clock;

    public ReceiptIssuer(ReceiptSigner signer, ReceiptStore store) {
        this(signer, store, Clock.systemUTC());
    }

    public ReceiptIssuer(ReceiptSigner signer, ReceiptStore store, Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param payment      the payment that was verified: its protocol, the payer the signature recovered to
     *                     (rendered as EIP-55), and the recipient, amount, asset, network, chain and nonce as signed
     * @param endpoint     the request path, e.g. {@code /api/ai/summarize}
     * @param requestBody  the raw request body bytes as received
     * @param responseBody the exact response body bytes that will be sent (the {@code {"result":…}} JSON), so the
     *                     client can check the hash against what it got (a hash of the summary string alone
     *                     would match no bytes the client ever saw)
     * @throws IllegalArgumentException if the payer is not an address or an argument is null: a programming
     *                                  error in the caller, never configuration
     */
    public IssuedReceipt issue(VerifiedPayment payment, String endpoint, byte[] requestBody, byte[] responseBody) {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(endpoint, "endpoint");
        // token repeats the asset so that readers of version 1.0 receipts find it where they always did.
        Receipt.Payment paid = new Receipt.Payment(checksum(payment.payer()), payment.recipient(), payment.amount(),
                payment.asset(), payment.chainId(), payment.nonce(), payment.protocol().configName(), payment.asset(),
                payment.network(), payment.settlement(), payment.transaction());
        Receipt.Service service = new Receipt.Service(endpoint,
                ContentHash.sha256(Objects.requireNonNull(requestBody, "requestBody")),
                ContentHash.sha256(Objects.requireNonNull(responseBody, "responseBody")));
        String timestamp = ReceiptTimestamps.format(clock.instant());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Receipt receipt = new Receipt(ReceiptId.generate(), Receipt.VERSION, timestamp, paid, service);
            SignedReceipt signed = signer.sign(receipt);
            if (store.put(signed)) {
                return new IssuedReceipt(signed, signed.toBase64Header());
            }
        }
        throw new IllegalStateException("could not find a free receipt id after " + MAX_ATTEMPTS + " attempts");
    }

    private static String checksum(String payer) {
        try {
            return Address.toChecksum(Address.parse(payer));
        } catch (Eip712Exception e) {
            throw new IllegalArgumentException("payer must be 0x followed by 40 hex digits", e);
        }
    }
}
