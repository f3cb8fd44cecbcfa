package io.microai.gateway.payment.x402;

/** Header names and values of the x402 HTTP transport that are not tied to one version. */
public final class X402Headers {
    /** Version 2's challenge: base64 of the PaymentRequired JSON, on every 402 this gateway sends for x402. */
    public static final String PAYMENT_REQUIRED = "PAYMENT-REQUIRED";
    /**
     * A challenge prices one request at one moment; the official server marks it {@code no-store} so no
     * shared cache hands one client's 402 to another.
     */
    public static final String CHALLENGE_CACHE_CONTROL = "no-store";

    private X402Headers() {
    }
}
