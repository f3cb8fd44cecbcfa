/**
 * The wire contract of the verifier's {@code POST /verify}: the request the gateway sends, the answer
 * the verifier gives, and the closed set of refusal codes with each code's HTTP status and whether
 * the signature is at fault. The verifier writes these types and the gateway reads them, so the two
 * cannot drift apart: a code renamed here is renamed on both sides at once.
 */
package io.microai.shared.verify;
