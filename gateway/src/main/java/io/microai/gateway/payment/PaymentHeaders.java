package io.microai.gateway.payment;

import io.undertow.util.HttpString;

/** The x402 request headers. */
public final class PaymentHeaders {
    public static final HttpString SIGNATURE = HttpString.tryFromString("X-402-Signature");
    public static final HttpString NONCE = HttpString.tryFromString("X-402-Nonce");
    public static final HttpString PAYER = HttpString.tryFromString("X-402-Payer");

    private PaymentHeaders() {
    }
}
