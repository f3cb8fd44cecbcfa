package io.microai.gateway.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The upstream format's part of the 402 challenge: a fresh nonce, remembered with the exact payment
 * context it prices so the paid retry is verified against what the gateway asked for, not what the
 * client claims.
 */
public final class LegacyChallenge {
    /** The {@code error} and {@code message} existing clients of the upstream format expect. */
    static final String ERROR = "Payment Required";
    static final String MESSAGE = "Please sign the payment context";

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(LegacyChallenge::newGenerator);
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

    /** DRBG keeps its state per instance; the default NativePRNG funnels every instance through one lock. */
    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /**
     * A version-4 UUID from a per-thread SecureRandom: as unpredictable as {@code UUID.randomUUID()},
     * without every IO thread queueing on its one shared generator.
     */
    private static String randomUuid() {
        SecureRandom random = RANDOM.get();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** Whether issuing does network I/O (a shared nonce store), so it must not run on an I/O thread. */
    boolean remote() {
        return nonces.remote();
    }

    /**
     * Issues a nonce and returns upstream's challenge body, in upstream's member order.
     *
     * @throws NonceStoreUnavailableException when a shared nonce store cannot record the nonce
     */
    /** @param boundTo the {@link RequestBinding} of the challenge request, which the paid request must repeat */
    Map<String, Object> issue(String correlationId, String boundTo) {
        long now = clock.millis();
        String nonce = randomUuid();
        IssuedPayment issued = new IssuedPayment(payment.recipient(), payment.token(), payment.amount(), nonce,
                payment.chainId(), now, now + ttl.toMillis(), boundTo);
        nonces.issue(nonce, issued);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("recipient", issued.recipient());
        context.put("token", issued.token());
        context.put("amount", issued.amount());
        context.put("nonce", nonce);
        context.put("chainId", issued.chainId());
        // The fields existing clients read come first, in their order; the rest is additive.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ERROR);
        body.put("message", MESSAGE);
        body.put("paymentContext", context);
        body.put("expires_at", issued.expiresAtEpochMillis() / 1000);
        body.put("correlation_id", correlationId);
        return body;
    }
}
