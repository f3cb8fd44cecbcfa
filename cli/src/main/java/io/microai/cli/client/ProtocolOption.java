package io.microai.cli.client;

import io.microai.gateway.payment.x402.PaymentProtocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --protocol}: the payment formats by the names the gateway's {@code PAYMENT_PROTOCOLS} uses, so one
 * word means the same on both sides.
 */
final class ProtocolOption {
    /** What a client speaks unless told otherwise: the official protocol's current version. */
    static final PaymentProtocol DEFAULT = PaymentProtocol.X402;
    /** {@code load}'s word for every protocol in turn. */
    static final String MIXED = "mixed";
    static final String NAMES = Arrays.stream(PaymentProtocol.values()).map(PaymentProtocol::configName)
            .collect(Collectors.joining("|"));

    private ProtocolOption() {
    }

    static PaymentProtocol parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (PaymentProtocol protocol : PaymentProtocol.values()) {
            if (protocol.configName().equals(wanted)) {
                return protocol;
            }
        }
        throw new TypeConversionException("unknown protocol '" + text + "'; use " + NAMES);
    }

    /** {@code load}'s list: each name once, in the order given; {@code mixed} stands for all of them. */
    static List<PaymentProtocol> parseList(List<String> names) {
        if (names.isEmpty()) {
            return List.of(DEFAULT);
        }
        List<PaymentProtocol> out = new ArrayList<>();
        for (String name : names) {
            List<PaymentProtocol> these = name.strip().equalsIgnoreCase(MIXED) ? List.of(PaymentProtocol.values()) : List.of(parse(name));
            for (PaymentProtocol p : these) {
                if (out.contains(p)) {
                    throw new TypeConversionException("--protocol " + p.configName() + " is given twice");
                }
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The picocli converter of a single {@code --protocol}. */
    static final class Converter implements ITypeConverter<PaymentProtocol> {
        @Override
        public PaymentProtocol convert(String value) {
            return parse(value);
        }
    }
}
