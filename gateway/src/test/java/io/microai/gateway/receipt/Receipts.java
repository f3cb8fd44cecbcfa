package io.microai.gateway.receipt;

import java.math.BigInteger;

/** Test fixtures. */
final class Receipts {

    static final String EMPTY_SHA256 =
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** The well-known test key whose ethers.js vector is pinned in {@link ReceiptSignerTest}. */
    static final String TEST_KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final String TEST_ADDRESS = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";

    private Receipts() {
    }

    /** A receipt whose JSON also exercises {@code <>&}, non-ASCII and U+2028. */
    static Receipt sample() {
        return sample("rcpt_0123456789ab");
    }

    static Receipt sample(String id) {
        return new Receipt(id, "1.0", "2025-01-02T03:04:05.1234Z",
                new Receipt.Payment("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
                        "0x2e988A386a799F506693793c6A5AF6B54dfAaBfB", "0.001", "USDC", BigInteger.valueOf(8453),
                        "n<>&\u00e9\u2028"),
                new Receipt.Service("/api/ai/summarize", EMPTY_SHA256, EMPTY_SHA256));
    }

    static Receipt withPayer(Receipt r, String payer) {
        Receipt.Payment p = r.payment();
        return new Receipt(r.id(), r.version(), r.timestamp(),
                new Receipt.Payment(payer, p.recipient(), p.amount(), p.token(), p.chainId(), p.nonce()), r.service());
    }

    static Receipt withAmount(Receipt r, String amount) {
        Receipt.Payment p = r.payment();
        return new Receipt(r.id(), r.version(), r.timestamp(),
                new Receipt.Payment(p.payer(), p.recipient(), amount, p.token(), p.chainId(), p.nonce()), r.service());
    }

    static Receipt withResponseHash(Receipt r, String hash) {
        Receipt.Service s = r.service();
        return new Receipt(r.id(), r.version(), r.timestamp(), r.payment(),
                new Receipt.Service(s.endpoint(), s.requestHash(), hash));
    }

    static SignedReceipt withReceipt(SignedReceipt s, Receipt r) {
        return new SignedReceipt(r, s.signature(), s.serverPublicKey(), s.serverAddress());
    }
}
