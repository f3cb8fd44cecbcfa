package io.microai.gateway.payment;

import io.undertow.util.AttachmentKey;
import java.util.Map;

/**
 * A request whose payment has been verified and made single-use: what the later steps (cache, provider,
 * receipt) work from.
 *
 * @param answerHeaders headers the paid answer carries about its payment (the x402 settlement header); they
 *                      belong to this request alone, so they are never part of what the cache keeps
 */
public record PaidRequest(byte[] rawBody, String text, VerifiedPayment payment, Map<String, String> answerHeaders) {
    public static final AttachmentKey<PaidRequest> KEY = AttachmentKey.create(PaidRequest.class);

    public PaidRequest {
        answerHeaders = Map.copyOf(answerHeaders);
    }

    /** The same request once its payment was settled, with the headers that say so. */
    public PaidRequest settled(VerifiedPayment settledPayment, Map<String, String> headers) {
        return new PaidRequest(rawBody, text, settledPayment, headers);
    }
}
