package io.microai.gateway.payment.x402;

import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.Signature;
import java.time.Clock;
import java.util.Optional;

/**
 * Every step a handler runs, in its order, with signer recovery done by the shared secp256k1 code exactly
 * as the verifier service does it; the result is the proven payer or the refusal.
 */
final class PaymentPipeline {
    private final PaymentHeaderDecoder decoder;
    private final PaymentChecks checks;
    private final AuthorizationLedger ledger;

    PaymentPipeline(X402Settings settings, Clock clock, AuthorizationLedger ledger) {
        this.decoder = new PaymentHeaderDecoder(settings.versions());
        this.checks = new PaymentChecks(settings, clock);
        this.ledger = ledger;
    }

    PaymentPipeline(Clock clock) {
        this(Payments.settings(), clock, new InMemoryAuthorizationLedger(clock, 1000));
    }

    Outcome<String> pay(X402Version version, String header) {
        return decoder.decode(version, header)
                .then(checks::check)
                .then(checked -> checks.confirmSigner(checked, recover(checked)).then(payer -> claim(checked, payer)));
    }

    Outcome<String> pay(Payments.Builder payment) {
        return pay(payment.version(), payment.header());
    }

    private Outcome<String> claim(CheckedPayment checked, String payer) {
        return ledger.claim(checked.replayKey()).refusal().<Outcome<String>>map(Outcome::refused)
                .orElseGet(() -> Outcome.accepted(payer));
    }

    static Optional<String> recover(CheckedPayment checked) {
        try {
            byte[] signer = Eip3009Signatures.recoverSigner(checked.domain(), checked.message(), Signature.parse(checked.signature()));
            return Optional.of(Address.toChecksum(signer));
        } catch (Eip712Exception e) {
            return Optional.empty();
        }
    }
}
