package io.microai.gateway.payment;

import com.fasterxml.jackson.core.JsonGenerator;
import io.microai.shared.random.RandomUuids;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The upstream format's part of the 402 challenge: a fresh nonce, remembered with the exact payment
 * context it prices so the paid retry is verified against what the gateway asked for, not what the
 * client claims.
 */
public final class LegacyChallenge {
    /** The {@code error} and {@code message} existing clients of the upstream format expect. */
    static final String ERROR = "Payment Required";
    static final String MESSAGE = "Please sign the payment context";

    private final PaymentTerms payment;
    private final NonceStore nonces;
    private final Duration ttl;
    private final Clock clock;

    public LegacyChallenge(PaymentTerms payment, NonceStore nonces, Duration ttl, Clock clock) {
        this.payment = payment;
        this.nonces = nonces;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Whether issuing does network I/O (a shared nonce store), so it must not run on an I/O thread. */
    boolean remote() {
        return nonces.remote();
    }

    /**
     * Issues a nonce bound to {@code boundTo}, the {@link RequestBinding} of the challenge request, which the paid
     * request must repeat.
     *
     * @throws NonceStoreUnavailableException when a shared nonce store cannot record the nonce
     */
    IssuedPayment issue(String boundTo) {
        long now = clock.millis();
        String nonce = RandomUuids.nextString(); // as unpredictable as UUID.randomUUID()
        IssuedPayment issued = new IssuedPayment(payment.recipient(), payment.token(), payment.amount(), nonce,
                payment.chainId(), now, now + ttl.toMillis(), boundTo);
        nonces.issue(nonce, issued);
        return issued;
    }

    /** Writes upstream's challenge body members for {@code issued}, in upstream's member order. */
    static void writeMembers(JsonGenerator json, IssuedPayment issued, String correlationId) throws IOException {
        // The fields existing clients read come first, in their order; the rest is additive.
        json.writeStringField("error", ERROR);
        json.writeStringField("message", MESSAGE);
        json.writeObjectFieldStart("paymentContext");
        json.writeStringField("recipient", issued.recipient());
        json.writeStringField("token", issued.token());
        json.writeStringField("amount", issued.amount());
        json.writeStringField("nonce", issued.nonce());
        json.writeNumberField("chainId", issued.chainId());
        json.writeEndObject();
        json.writeNumberField("expires_at", issued.expiresAtEpochMillis() / 1000);
        json.writeStringField("correlation_id", correlationId);
    }
}
