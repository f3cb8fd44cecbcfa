package io.microai.gateway.payment.facilitator;

import java.util.Locale;
import java.util.Map;

/**
 * Why a facilitator refused to verify or settle, as a closed set: the facilitator's own reason is free text
 * from another service (the official EVM {@code exact} scheme alone has dozens of codes, and any facilitator
 * may invent more), so it is never used as a metric label or an error code as it stands. Codes not listed
 * map to {@link #OTHER}.
 */
public enum FacilitatorReason {
    /** The payer's balance does not cover the amount. */
    INSUFFICIENT_FUNDS,
    /** The authorization's nonce was already used on chain: this payment was settled before, here or elsewhere. */
    AUTHORIZATION_ALREADY_USED,
    /** The signature does not verify on chain (or cannot be parsed). */
    INVALID_SIGNATURE,
    /** The payment does not meet the terms: recipient, value, time window, network, scheme or token domain. */
    INVALID_PAYMENT,
    /** The transfer itself failed or could not be confirmed: simulation, a reverted or unexpected transaction. */
    TRANSACTION_FAILED,
    /** Anything else the facilitator said. */
    OTHER;

    private static final Map<String, FacilitatorReason> CODES = Map.ofEntries(
            Map.entry("invalid_exact_evm_insufficient_balance", INSUFFICIENT_FUNDS),
            Map.entry("permit2_insufficient_balance", INSUFFICIENT_FUNDS),
            Map.entry("invalid_exact_evm_nonce_already_used", AUTHORIZATION_ALREADY_USED),
            Map.entry("permit2_invalid_nonce", AUTHORIZATION_ALREADY_USED),
            Map.entry("invalid_exact_evm_signature", INVALID_SIGNATURE),
            Map.entry("invalid_exact_evm_failed_to_parse_signature", INVALID_SIGNATURE),
            Map.entry("invalid_permit2_signature", INVALID_SIGNATURE),
            Map.entry("invalid_exact_evm_scheme", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_network_mismatch", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_missing_eip712_domain", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_recipient_mismatch", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_payload_authorization_valid_before", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_payload_authorization_valid_after", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_authorization_value", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_payload_authorization_value_mismatch", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_token_name_mismatch", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_token_version_mismatch", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_eip3009_not_supported", INVALID_PAYMENT),
            Map.entry("asset_not_deployed_contract", INVALID_PAYMENT),
            Map.entry("unsupported_payload_type", INVALID_PAYMENT),
            Map.entry("eip6492_factory_not_allowed", INVALID_PAYMENT),
            Map.entry("invalid_exact_evm_transaction_failed", TRANSACTION_FAILED),
            Map.entry("invalid_exact_evm_transfer_event_mismatch", TRANSACTION_FAILED),
            Map.entry("invalid_exact_evm_transaction_simulation_failed", TRANSACTION_FAILED),
            Map.entry("invalid_transaction_state", TRANSACTION_FAILED),
            Map.entry("smart_wallet_deployment_failed", TRANSACTION_FAILED),
            Map.entry("settlement_pending", TRANSACTION_FAILED));

    private final String code;

    FacilitatorReason() {
        this.code = name().toLowerCase(Locale.ROOT);
    }

    /** lower_snake_case: a metric label value and the settlement header's {@code errorReason}. */
    public String code() {
        return code;
    }

    /** The closed reason of a facilitator's {@code invalidReason} / {@code errorReason}; null or unknown is {@link #OTHER}. */
    public static FacilitatorReason of(String facilitatorCode) {
        if (facilitatorCode == null) {
            return OTHER;
        }
        return CODES.getOrDefault(facilitatorCode.trim(), OTHER);
    }
}
