package io.microai.shared.api;

import java.util.List;

/**
 * The closed label values of the settlement families ({@link GatewayFamilies#SETTLEMENTS},
 * {@link GatewayFamilies#SETTLEMENT_FAILURES}, {@link GatewayFamilies#FACILITATOR_REQUEST_DURATION},
 * {@link GatewayFamilies#SETTLEMENT_MODE}), spelled once for the gateway that counts and the views that read.
 */
public final class SettlementLabels {
    /** {@code mode}: no facilitator is configured, payments are verified by signature only and never settled. */
    public static final String MODE_NONE = "none";
    /** {@code mode}: a facilitator verifies and settles every x402 payment. */
    public static final String MODE_FACILITATOR = "facilitator";
    public static final List<String> MODES = List.of(MODE_NONE, MODE_FACILITATOR);

    /** {@code outcome} of a settlement: the transfer was made and the result delivered. */
    public static final String SETTLED = "settled";
    /** The facilitator refused to settle: the result was withheld. */
    public static final String FAILED = "failed";
    /** The facilitator could not be reached or gave no usable answer: the result was withheld. */
    public static final String UNAVAILABLE = "unavailable";
    public static final List<String> OUTCOMES = List.of(SETTLED, FAILED, UNAVAILABLE);

    /** {@code reason} of a refusal by the facilitator, at verify or settle. */
    public static final List<String> REASONS = List.of("insufficient_funds", "authorization_already_used", "invalid_signature",
            "invalid_payment", "transaction_failed", "other");

    /** {@code operation} of a facilitator call. */
    public static final String SUPPORTED = "supported";
    public static final String VERIFY = "verify";
    public static final String SETTLE = "settle";
    public static final List<String> OPERATIONS = List.of(SUPPORTED, VERIFY, SETTLE);

    /** {@code outcome} of a facilitator call: it answered yes. */
    public static final String CALL_OK = "ok";
    /** It answered no (a payment refused): the facilitator is working. */
    public static final String CALL_REFUSED = "refused";
    public static final String CALL_TIMEOUT = "timeout";
    public static final String CALL_UNAVAILABLE = "unavailable";
    public static final String CALL_BAD_RESPONSE = "bad_response";
    public static final List<String> CALL_OUTCOMES = List.of(CALL_OK, CALL_REFUSED, CALL_TIMEOUT, CALL_UNAVAILABLE, CALL_BAD_RESPONSE);

    private SettlementLabels() {
    }
}
