package io.microai.gateway.receipt;

import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.PaymentContext;
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
     * @param payer        the address recovered from the payment signature; rendered as EIP-55 in the receipt
     * @param payment      the payment that was verified (recipient, token, amount, nonce, chain id as signed)
     * @param endpoint     the request path, e.g. {@code /api/ai/summarize}
     * @param requestBody  the raw request body bytes as received
     * @param responseBody the exact response body bytes that will be sent (the {@code {"result":…}} JSON), so the
     *                     client can check the hash against what it got (a hash of the summary string alone
     *                     would match no bytes the client ever saw)
     * @throws IllegalArgumentException if {@code payer} is not an address or an argument is null: a programming
     *                                  error in the caller, never configuration
     */
    public IssuedReceipt issue(String payer, PaymentContext payment, String endpoint,
                               byte[] requestBody, byte[] responseBody) {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(endpoint, "endpoint");
        Receipt.Payment paid = new Receipt.Payment(checksum(payer), payment.recipient(), payment.amount(),
                payment.token(), payment.chainId(), payment.nonce());
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
