package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code PAYMENT-RESPONSE} (version 2) / {@code X-PAYMENT-RESPONSE} (version 1): base64 of a
 * SettlementResponse {@code {"success","errorReason"?,"transaction","network","payer"?}}.
 *
 * <p><b>Verified but not settled sends no header.</b> This gateway checks the signature and single use
 * locally and settles nothing on chain. In the specification {@code success:true} means "settled" and
 * {@code transaction} is the hash of the transfer (empty only when settlement failed), so no honest
 * success value exists yet: an empty or invented hash would tell the client its money moved when it has
 * not. {@code success:false} is the settlement-failure answer, sent with a 402, and makes a client treat
 * a served request as failed (a v2 client's payment-response hooks may then pay again). The official
 * client copes with the header being absent: {@code @x402/fetch} 2.27.0 reads it inside a try/catch and
 * returns the response, and its {@code parsePaymentResult} reports payment status {@code "none"}. So
 * {@link #afterLocalVerification} is empty, and the other factories are for when a facilitator has
 * really settled (or refused to), with the hash it returned.
 */
public final class SettlementHeader {
    private static final Pattern TRANSACTION = Pattern.compile("0x[0-9a-fA-F]{64}");

    private SettlementHeader() {
    }

    /** The header name for a payment of {@code version}. */
    public static String name(X402Version version) {
        return version.responseHeader();
    }

    /** Nothing to send for a payment that was verified here and not settled; see the class comment. */
    public static Optional<String> afterLocalVerification(CheckedPayment payment) {
        Objects.requireNonNull(payment, "payment");
        return Optional.empty();
    }

    /**
     * A real settlement.
     *
     * @param transaction the 32-byte transaction hash the facilitator reported; anything else is refused
     * @param network     as the payment named it (CAIP-2 for v2, the v1 word for v1)
     */
    public static String settled(String transaction, String network, String payer) {
        if (transaction == null || !TRANSACTION.matcher(transaction).matches()) {
            throw new IllegalArgumentException("a settled payment needs its 0x-prefixed 32-byte transaction hash");
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("success", true);
        json.put("transaction", transaction);
        json.put("network", Objects.requireNonNull(network, "network"));
        json.put("payer", Objects.requireNonNull(payer, "payer"));
        return encode(json);
    }

    /** A settlement that was attempted and failed: no transaction, a lower_snake reason, sent with a 402. */
    public static String failed(String errorReason, String network, String payer) {
        if (errorReason == null || errorReason.isEmpty()) {
            throw new IllegalArgumentException("a failed settlement needs its reason");
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("success", false);
        json.put("errorReason", errorReason);
        json.put("transaction", "");
        json.put("network", Objects.requireNonNull(network, "network"));
        json.put("payer", Objects.requireNonNull(payer, "payer"));
        return encode(json);
    }

    private static String encode(ObjectNode json) {
        try {
            return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an in-memory JSON write failed", e);
        }
    }
}
