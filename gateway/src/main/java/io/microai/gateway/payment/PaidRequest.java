package io.microai.gateway.payment;

import io.undertow.util.AttachmentKey;

/**
 * A request whose payment has been verified and whose nonce is consumed: what the later steps
 * (cache, provider, receipt) work from.
 */
public record PaidRequest(byte[] rawBody, String text, IssuedPayment payment, String payer) {
    public static final AttachmentKey<PaidRequest> KEY = AttachmentKey.create(PaidRequest.class);
}
