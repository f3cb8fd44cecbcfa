package io.microai.shared.api;

import java.util.List;

/**
 * The closed label values of {@link GatewayFamilies#PAYMENTS}: which protocol a payment spoke and how
 * it ended. The gateway counts with them and every view reads them, so they are spelled once, here;
 * the protocol names are also the words of the gateway's {@code PAYMENT_PROTOCOLS} setting.
 */
public final class PaymentLabels {
    /** Official x402 version 2 ({@code PAYMENT-SIGNATURE}). */
    public static final String X402 = "x402";
    /** Official x402 version 1 ({@code X-PAYMENT}). */
    public static final String X402_V1 = "x402-v1";
    /** The upstream service's own format ({@code X-402-Signature} over a gateway-issued nonce). */
    public static final String LEGACY = "legacy";
    /** Every protocol, in the order the views list them. */
    public static final List<String> PROTOCOLS = List.of(X402, X402_V1, LEGACY);

    /** The payment passed every check and the request went on. */
    public static final String VERIFIED = "verified";
    /** The payment was refused (a 4xx): malformed, not what was asked for, badly signed or reused. */
    public static final String REFUSED = "refused";
    /** The gateway could not check it (a 5xx): the verifier or a store could not answer. */
    public static final String UNAVAILABLE = "unavailable";

    private PaymentLabels() {
    }
}
