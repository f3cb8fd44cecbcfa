package io.microai.gateway.payment.x402;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code PAYMENT_PROTOCOLS}: which payment formats the gateway speaks. {@code explicit} records whether
 * the operator chose the set, because an x402 version 1 the chain cannot express is an error when asked
 * for and silently left out when it only came with the default.
 */
public record PaymentProtocols(Set<PaymentProtocol> enabled, boolean explicit) {
    public static final String VARIABLE = "PAYMENT_PROTOCOLS";

    public PaymentProtocols {
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("at least one payment protocol");
        }
        enabled = Collections.unmodifiableSet(EnumSet.copyOf(enabled));
    }

    /** Unset means all three. */
    public static PaymentProtocols from(Env env) {
        Optional<String> raw = env.get(VARIABLE);
        if (raw.isEmpty()) {
            return new PaymentProtocols(EnumSet.allOf(PaymentProtocol.class), false);
        }
        EnumSet<PaymentProtocol> set = EnumSet.noneOf(PaymentProtocol.class);
        for (String part : raw.get().split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw new ConfigException(VARIABLE + " has an empty entry in '" + raw.get() + "'; use a comma list of "
                        + allNames());
            }
            set.add(PaymentProtocol.byConfigName(name).orElseThrow(() -> new ConfigException(
                    VARIABLE + " has unknown protocol '" + name + "'; known: " + allNames())));
        }
        return new PaymentProtocols(set, true);
    }

    public boolean has(PaymentProtocol protocol) {
        return enabled.contains(protocol);
    }

    /** Whether either official x402 version is on, i.e. whether {@link X402Settings} must be read. */
    public boolean anyX402() {
        return has(PaymentProtocol.X402) || has(PaymentProtocol.X402_V1);
    }

    private static String allNames() {
        return Arrays.stream(PaymentProtocol.values()).map(PaymentProtocol::configName).collect(Collectors.joining(", "));
    }
}
