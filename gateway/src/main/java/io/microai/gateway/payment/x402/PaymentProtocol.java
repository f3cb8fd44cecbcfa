package io.microai.gateway.payment.x402;

import io.microai.shared.api.PaymentLabels;
import java.util.Locale;
import java.util.Optional;

/** A payment format the gateway can be told to speak through {@code PAYMENT_PROTOCOLS}. */
public enum PaymentProtocol {
    /** Official x402 version 2: {@code PAYMENT-REQUIRED} / {@code PAYMENT-SIGNATURE}. */
    X402(PaymentLabels.X402),
    /** Official x402 version 1: JSON body / {@code X-PAYMENT}. */
    X402_V1(PaymentLabels.X402_V1),
    /** The upstream service's own headers ({@code X-402-Signature}, {@code X-402-Nonce}). */
    LEGACY(PaymentLabels.LEGACY);

    private final String configName;

    PaymentProtocol(String configName) {
        this.configName = configName;
    }

    /** The spelling in {@code PAYMENT_PROTOCOLS}. */
    public String configName() {
        return configName;
    }

    static Optional<PaymentProtocol> byConfigName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (PaymentProtocol p : values()) {
            if (p.configName.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
