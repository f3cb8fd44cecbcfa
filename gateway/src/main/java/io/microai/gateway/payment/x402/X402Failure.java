package io.microai.gateway.payment.x402;

import java.util.Locale;

/**
 * Why an x402 payment was refused: a closed set, so {@link #code()} is safe as a metric label value.
 *
 * <p>The HTTP transport specification (versions 1 and 2 alike) maps "Invalid Payment: malformed payment
 * payload" to 400, "Payment Failed: payment verification or settlement failed" to 402, and a server error
 * to 500. This gateway follows it: a header that cannot be read as a payment is 400; a payment that can
 * be read but is not acceptable is 402 and, like the official server, carries a fresh challenge whose
 * {@code error} is the reason, so the client sees the terms it should have met. The official server
 * answers an undecodable header with a plain 402 as if no payment was sent; the specification's 400 is
 * kept here because it tells a buggy client what is wrong. A dependency that cannot answer is 503 rather
 * than the specification's generic 500: the request was fine and may be retried.
 *
 * <table>
 *   <caption>Codes</caption>
 *   <tr><th>code</th><th>status</th><th>when</th></tr>
 *   <tr><td>malformed_payment_header</td><td>400</td><td>not strict base64 of a UTF-8 JSON object of the version's shape</td></tr>
 *   <tr><td>payment_header_too_large</td><td>400</td><td>more than {@value PaymentHeaderDecoder#MAX_HEADER_CHARS} characters</td></tr>
 *   <tr><td>unsupported_version</td><td>402</td><td>{@code x402Version} not offered, or not the header's version</td></tr>
 *   <tr><td>unsupported_scheme</td><td>402</td><td>scheme other than {@code exact}</td></tr>
 *   <tr><td>requirements_mismatch</td><td>402</td><td>v2 {@code accepted} differs from the offer in another field</td></tr>
 *   <tr><td>network_mismatch</td><td>402</td><td>another chain</td></tr>
 *   <tr><td>asset_mismatch</td><td>402</td><td>another token (v2 only; v1 does not name the asset)</td></tr>
 *   <tr><td>recipient_mismatch</td><td>402</td><td>{@code to} or {@code payTo} is not this gateway's recipient</td></tr>
 *   <tr><td>amount_mismatch</td><td>402</td><td>{@code value} or {@code amount} is not exactly the price</td></tr>
 *   <tr><td>not_yet_valid</td><td>402</td><td>{@code validAfter} is in the future</td></tr>
 *   <tr><td>expired</td><td>402</td><td>{@code validBefore} is less than {@value PaymentChecks#MIN_VALIDITY_SECONDS} s away</td></tr>
 *   <tr><td>valid_too_long</td><td>402</td><td>{@code validBefore} beyond now + maxTimeoutSeconds + {@value PaymentChecks#CLOCK_SKEW_SECONDS} s</td></tr>
 *   <tr><td>invalid_signature</td><td>402</td><td>the signature recovers to no key</td></tr>
 *   <tr><td>signer_mismatch</td><td>402</td><td>the signature recovers to someone other than {@code from}</td></tr>
 *   <tr><td>authorization_already_used</td><td>402</td><td>the (chain, asset, from, nonce) was accepted before</td></tr>
 *   <tr><td>insufficient_funds</td><td>402</td><td>the facilitator: the payer's balance does not cover the amount</td></tr>
 *   <tr><td>invalid_payment</td><td>402</td><td>the facilitator: the payment does not meet the terms on chain</td></tr>
 *   <tr><td>transaction_failed</td><td>402</td><td>the facilitator: the transfer would fail or failed</td></tr>
 *   <tr><td>facilitator_refused</td><td>402</td><td>the facilitator refused for another reason</td></tr>
 *   <tr><td>verifier_unavailable</td><td>503</td><td>the signature could not be checked</td></tr>
 *   <tr><td>replay_store_unavailable</td><td>503</td><td>single use could not be recorded</td></tr>
 *   <tr><td>facilitator_unavailable</td><td>503</td><td>the facilitator could not be asked, or gave no usable answer in time</td></tr>
 * </table>
 */
public enum X402Failure {
    MALFORMED_PAYMENT_HEADER(400, "the payment header is not a valid x402 payment payload"),
    PAYMENT_HEADER_TOO_LARGE(400, "the payment header is larger than any valid payment"),
    UNSUPPORTED_VERSION(402, "this x402 version is not accepted here"),
    UNSUPPORTED_SCHEME(402, "only the exact scheme is accepted"),
    REQUIREMENTS_MISMATCH(402, "the accepted requirements are not the ones offered"),
    NETWORK_MISMATCH(402, "the payment is for another network"),
    ASSET_MISMATCH(402, "the payment is in another asset"),
    RECIPIENT_MISMATCH(402, "the payment is to another recipient"),
    AMOUNT_MISMATCH(402, "the payment amount is not the price"),
    NOT_YET_VALID(402, "the authorization is not valid yet"),
    EXPIRED(402, "the authorization has expired or expires too soon"),
    VALID_TOO_LONG(402, "the authorization is valid for longer than the offered timeout"),
    INVALID_SIGNATURE(402, "the payment signature is invalid"),
    SIGNER_MISMATCH(402, "the payment was not signed by its payer"),
    AUTHORIZATION_ALREADY_USED(402, "this authorization was already used"),
    INSUFFICIENT_FUNDS(402, "the payer's balance does not cover the amount"),
    INVALID_PAYMENT(402, "the facilitator found the payment does not meet the terms"),
    TRANSACTION_FAILED(402, "the transfer would fail on chain"),
    FACILITATOR_REFUSED(402, "the facilitator refused the payment"),
    VERIFIER_UNAVAILABLE(503, "the payment signature could not be checked; retry later"),
    REPLAY_STORE_UNAVAILABLE(503, "the payment could not be recorded as used; retry later"),
    FACILITATOR_UNAVAILABLE(503, "the payment could not be verified or settled by the facilitator; retry later");

    private final int status;
    private final String code;
    private final String reason;

    X402Failure(int status, String reason) {
        this.status = status;
        this.code = name().toLowerCase(Locale.ROOT);
        this.reason = reason;
    }

    /** The HTTP status of the refusal. */
    public int status() {
        return status;
    }

    /** lower_snake_case, stable: a metric label value and the {@code error} of the JSON body. */
    public String code() {
        return code;
    }

    /** A short human reason, free of request data. */
    public String reason() {
        return reason;
    }

    /** Whether the refusal answers with a fresh challenge (every 402 does). */
    public boolean carriesChallenge() {
        return status == 402;
    }
}
