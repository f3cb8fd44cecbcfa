package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code PAYMENT-RESPONSE} (version 2) / {@code X-PAYMENT-RESPONSE} (version 1): base64 of a
 * SettlementResponse {@code {"success","errorReason"?,"errorMessage"?,"transaction","network","payer"?}}.
 *
 * <p><b>Verified but not settled says so.</b> This gateway checks the signature and single use itself and
 * settles nothing on chain, so no funds move. In the specification {@code success:true} means "settled"
 * and {@code transaction} is the hash of the transfer, so the only honest answer is
 * {@link #notSettled}: {@code success:false}, reason {@value #NOT_SETTLED}, an empty transaction and a
 * message saying why. The official client reads the header but returns the paid response whatever it
 * says ({@code @x402/fetch} 2.27.0 reports payment status {@code "settle_failed"} for it), and a client
 * that looks can tell that the payer's authorization was never submitted. {@link #settled} is for when a
 * facilitator has really settled, with the hash it returned; nothing here ever invents one.
 */
public final class SettlementHeader {
    private static final Pattern TRANSACTION = Pattern.compile("0x[0-9a-fA-F]{64}");

    private SettlementHeader() {
    }

    /** The header name for a payment of {@code version}. */
    public static String name(X402Version version) {
        return version.responseHeader();
    }

    /** {@code errorReason} of a payment that was verified and deliberately not settled. */
    public static final String NOT_SETTLED = "not_settled";
    static final String NOT_SETTLED_MESSAGE =
            "payment verified by signature only; no facilitator is configured and no funds moved";

    /**
     * The header for a payment that passed every check here and was not settled: {@code success:false},
     * {@value #NOT_SETTLED}, no transaction, the network as the payment named it and the proven payer.
     */
    public static String notSettled(CheckedPayment payment) {
        Objects.requireNonNull(payment, "payment");
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("success", false);
        json.put("errorReason", NOT_SETTLED);
        json.put("errorMessage", NOT_SETTLED_MESSAGE);
        json.put("transaction", "");
        json.put("network", payment.network());
        json.put("payer", payment.payer());
        return encode(json);
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
