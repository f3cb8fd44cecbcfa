package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment header that parsed: well-formed, but not yet checked against anything.
 *
 * @param network       as the client named it: CAIP-2 in version 2 ({@code accepted.network}), a word in version 1
 * @param accepted      version 2's echoed requirements, as received (a copy on every access)
 * @param signature     {@code 0x} + 130 lowercase hex digits
 * @param payloadJson   the whole decoded payload, re-serialised, for a facilitator that wants it verbatim
 */
public record DecodedPayment(
        X402Version version,
        String scheme,
        String network,
        Optional<JsonNode> accepted,
        Authorization authorization,
        String signature,
        String payloadJson) {

    public DecodedPayment {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(payloadJson, "payloadJson");
        accepted = accepted.map(JsonNode::deepCopy);
    }

    @Override
    public Optional<JsonNode> accepted() {
        return accepted.map(JsonNode::deepCopy);
    }

    /** The payer the authorization claims; only a recovered signature proves it. */
    public String claimedPayer() {
        return authorization.from();
    }
}
