package io.microai.cli.client;

import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.gateway.payment.x402.X402Version;
import java.math.BigInteger;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The payer of each protocol, sharing one clock and one spending cap. */
final class Payers {
    private final Map<PaymentProtocol, Payer> byProtocol = new EnumMap<>(PaymentProtocol.class);

    /**
     * @param maxAmount the most atomic units an x402 payment may authorise; empty for no cap (the upstream format
     *                  signs a decimal amount of a named token, so the cap does not apply to it)
     */
    Payers(Clock clock, Optional<BigInteger> maxAmount) {
        byProtocol.put(PaymentProtocol.X402, new X402Payer(X402Version.V2, clock, X402Payer::randomNonce, maxAmount));
        byProtocol.put(PaymentProtocol.X402_V1, new X402Payer(X402Version.V1, clock, X402Payer::randomNonce, maxAmount));
        byProtocol.put(PaymentProtocol.LEGACY, new LegacyPayer());
    }

    static Payers standard() {
        return new Payers(Clock.systemUTC(), Optional.empty());
    }

    Payer of(PaymentProtocol protocol) {
        return byProtocol.get(protocol);
    }
}
