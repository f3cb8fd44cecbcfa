/**
 * The official x402 protocol (version 2 over the {@code PAYMENT-*} headers, version 1 over {@code X-PAYMENT})
 * for the {@code exact} scheme on EVM chains, which is an EIP-3009 {@code TransferWithAuthorization}.
 *
 * <p>The classes here know the wire formats and the local rules and nothing about the HTTP server, so
 * a handler composes them in this order:
 * <ol>
 *   <li>{@link io.microai.gateway.payment.x402.X402Settings}: the terms, read once at start;</li>
 *   <li>{@link io.microai.gateway.payment.x402.ChallengeBuilder}: the 402 challenge for an unpaid request;</li>
 *   <li>{@link io.microai.gateway.payment.x402.PaymentHeaderDecoder}: strict parsing of the paid retry;</li>
 *   <li>{@link io.microai.gateway.payment.x402.PaymentChecks}: the checks that need no key and no chain;</li>
 *   <li>signer recovery elsewhere (the verifier), judged by {@link io.microai.gateway.payment.x402.PaymentChecks#confirmSigner};</li>
 *   <li>{@link io.microai.gateway.payment.x402.AuthorizationLedger}: single use of each authorization.</li>
 * </ol>
 * Every refusal is a {@link io.microai.gateway.payment.x402.Refusal} carrying an
 * {@link io.microai.gateway.payment.x402.X402Failure}; none of these steps throws on hostile input.
 */
package io.microai.gateway.payment.x402;
