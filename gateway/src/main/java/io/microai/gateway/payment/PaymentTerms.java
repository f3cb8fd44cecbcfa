package io.microai.gateway.payment;

/** What a payment is for: the fields of the EIP-712 Payment besides the nonce, from the gateway's settings. */
public record PaymentTerms(String recipient, String token, String amount, long chainId) {
}
