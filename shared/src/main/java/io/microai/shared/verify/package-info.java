/**
 * The wire contract of the verifier's two routes: {@code POST /verify} ({@link io.microai.shared.verify.VerifyRequest},
 * the gateway's own EIP-712 {@code Payment}) and {@code POST /verify/authorization}
 * ({@link io.microai.shared.verify.AuthorizationVerifyRequest}, an x402 EIP-3009
 * {@code TransferWithAuthorization} under its token's domain). Both are answered with the same
 * {@link io.microai.shared.verify.VerifyResponse}, and both refuse with the one closed set of
 * {@link io.microai.shared.verify.RefusalCode}s, each with its HTTP status and whether the signature is
 * at fault. The verifier only recovers the signer; whether that signer is the expected payer (for an
 * authorization: its {@code from}) is the gateway's decision. The verifier writes these types and the
 * gateway reads them, so the two cannot drift apart: a code renamed here is renamed on both sides at once.
 */
package io.microai.shared.verify;
