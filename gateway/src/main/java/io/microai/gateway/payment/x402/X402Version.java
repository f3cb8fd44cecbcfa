package io.microai.gateway.payment.x402;

/** The two protocol versions the official client speaks, with the request and response headers of each. */
public enum X402Version {
    V1(1, "X-PAYMENT", "X-PAYMENT-RESPONSE"),
    V2(2, "PAYMENT-SIGNATURE", "PAYMENT-RESPONSE");

    private final int number;
    private final String paymentHeader;
    private final String responseHeader;

    X402Version(int number, String paymentHeader, String responseHeader) {
        this.number = number;
        this.paymentHeader = paymentHeader;
        this.responseHeader = responseHeader;
    }

    /** The value of {@code x402Version} in every message of this version. */
    public int number() {
        return number;
    }

    /** The request header that carries the signed payment. */
    public String paymentHeader() {
        return paymentHeader;
    }

    /** The response header that carries a settlement result. */
    public String responseHeader() {
        return responseHeader;
    }
}
