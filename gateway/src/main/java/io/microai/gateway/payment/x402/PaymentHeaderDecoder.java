package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.microai.gateway.payment.x402.WireFields.Malformed;
import io.microai.shared.http.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Strict decoding of {@code PAYMENT-SIGNATURE} (version 2) and {@code X-PAYMENT} (version 1).
 *
 * <p>Order of refusal: size ({@code payment_header_too_large}); {@link StrictBase64}; UTF-8 without
 * replacement; one JSON object with no duplicate member and nothing after it; {@code x402Version} an
 * integer equal to the header's version ({@code unsupported_version} when it is an integer but another
 * version); scheme {@code exact} ({@code unsupported_scheme}); then the shape of the payload, every field
 * of the exact type. Any other defect is {@code malformed_payment_header}.
 *
 * <p>Unknown members are tolerated only where the protocol grows (the top level, {@code resource},
 * {@code extensions}, and {@code accepted}, which is compared whole against the offer anyway);
 * {@code payload} and {@code payload.authorization} must have exactly their members.
 */
public final class PaymentHeaderDecoder {
    /** A real header is about 1 KB; eight times that leaves room for extensions and nothing for abuse. */
    public static final int MAX_HEADER_CHARS = 8192;

    private static final ObjectReader READER = Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> PAYLOAD_MEMBERS = Set.of("signature", "authorization");
    private static final Set<String> AUTHORIZATION_MEMBERS =
            Set.of("from", "to", "value", "validAfter", "validBefore", "nonce");

    private final Set<X402Version> offered;

    /** @param offered the versions this gateway speaks; a header of another version is {@code unsupported_version} */
    public PaymentHeaderDecoder(Set<X402Version> offered) {
        this.offered = Collections.unmodifiableSet(EnumSet.copyOf(offered));
    }

    /**
     * Picks the payment out of a request's header values (each list holds every value of that header, in
     * order; null means none). Empty when neither header is present; refused when a header repeats or both
     * are sent, since then which payment is meant is a guess.
     */
    public Optional<Outcome<DecodedPayment>> fromHeaders(List<String> paymentSignature, List<String> xPayment) {
        List<String> v2 = paymentSignature == null ? List.of() : paymentSignature;
        List<String> v1 = xPayment == null ? List.of() : xPayment;
        if (v2.isEmpty() && v1.isEmpty()) {
            return Optional.empty();
        }
        if (!v2.isEmpty() && !v1.isEmpty()) {
            return Optional.of(malformed("send either PAYMENT-SIGNATURE or X-PAYMENT, not both"));
        }
        X402Version version = v2.isEmpty() ? X402Version.V1 : X402Version.V2;
        List<String> values = v2.isEmpty() ? v1 : v2;
        if (values.size() > 1) {
            return Optional.of(malformed(version.paymentHeader() + " must be sent once"));
        }
        return Optional.of(decode(version, values.get(0)));
    }

    /** Decodes one header value; never throws for any {@code headerValue}. */
    public Outcome<DecodedPayment> decode(X402Version headerVersion, String headerValue) {
        Objects.requireNonNull(headerVersion, "headerVersion");
        String header = headerVersion.paymentHeader();
        if (!offered.contains(headerVersion)) {
            return Outcome.refused(X402Failure.UNSUPPORTED_VERSION,
                    "x402 version " + headerVersion.number() + " (" + header + ") is not accepted here");
        }
        if (headerValue == null || headerValue.isEmpty()) {
            return malformed(header + " is empty");
        }
        if (headerValue.length() > MAX_HEADER_CHARS) {
            return Outcome.refused(X402Failure.PAYMENT_HEADER_TOO_LARGE,
                    header + " is longer than " + MAX_HEADER_CHARS + " characters");
        }
        Optional<byte[]> bytes = StrictBase64.decode(headerValue);
        if (bytes.isEmpty()) {
            return malformed(header + " must be standard base64 with padding and no whitespace");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.get()))
                    .toString();
        } catch (CharacterCodingException e) {
            return malformed(header + " does not decode to UTF-8 text");
        }
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            return malformed(header + " does not decode to a single JSON value without duplicate members");
        } catch (RuntimeException e) {
            // Jackson's number and nesting limits surface as unchecked exceptions on some paths.
            return malformed(header + " does not decode to JSON within the parser's limits");
        }
        if (root == null || !root.isObject()) {
            return malformed(header + " must decode to a JSON object");
        }
        try {
            return parse(headerVersion, root);
        } catch (Malformed e) {
            return malformed(e.getMessage());
        }
    }

    private Outcome<DecodedPayment> parse(X402Version version, JsonNode root) throws Malformed {
        JsonNode versionNode = root.get("x402Version");
        if (versionNode == null || !versionNode.isIntegralNumber()) {
            throw new Malformed("x402Version must be an integer");
        }
        if (!versionNode.canConvertToInt() || versionNode.intValue() != version.number()) {
            return Outcome.refused(X402Failure.UNSUPPORTED_VERSION, version.paymentHeader() + " must carry x402Version "
                    + version.number());
        }
        JsonNode schemeHolder;
        Optional<JsonNode> accepted;
        if (version == X402Version.V2) {
            JsonNode acceptedNode = WireFields.object(root, "accepted", "accepted");
            WireFields.optionalObject(root, "resource", "resource");
            WireFields.optionalObject(root, "extensions", "extensions");
            schemeHolder = acceptedNode;
            accepted = Optional.of(acceptedNode);
        } else {
            schemeHolder = root;
            accepted = Optional.empty();
        }
        String schemePath = version == X402Version.V2 ? "accepted.scheme" : "scheme";
        String scheme = WireFields.string(schemeHolder, "scheme", schemePath);
        if (!PaymentRequirements.EXACT.equals(scheme)) {
            return Outcome.refused(X402Failure.UNSUPPORTED_SCHEME, schemePath + " must be exact");
        }
        String network = WireFields.string(schemeHolder, "network", version == X402Version.V2 ? "accepted.network" : "network");
        JsonNode payload = WireFields.object(root, "payload", "payload");
        WireFields.onlyMembers(payload, PAYLOAD_MEMBERS, "payload");
        String signature = WireFields.signature(payload, "signature", "payload.signature");
        JsonNode auth = WireFields.object(payload, "authorization", "payload.authorization");
        WireFields.onlyMembers(auth, AUTHORIZATION_MEMBERS, "payload.authorization");
        Authorization authorization = new Authorization(
                WireFields.address(auth, "from", "payload.authorization.from"),
                WireFields.address(auth, "to", "payload.authorization.to"),
                WireFields.uint256(auth, "value", "payload.authorization.value"),
                WireFields.uint256(auth, "validAfter", "payload.authorization.validAfter"),
                WireFields.uint256(auth, "validBefore", "payload.authorization.validBefore"),
                WireFields.bytes32(auth, "nonce", "payload.authorization.nonce"));
        String payloadJson;
        try {
            payloadJson = Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new Malformed("the payload could not be re-serialised");
        }
        return Outcome.accepted(new DecodedPayment(version, scheme, network, accepted, authorization, signature, payloadJson));
    }

    private static Outcome<DecodedPayment> malformed(String detail) {
        return Outcome.refused(X402Failure.MALFORMED_PAYMENT_HEADER, detail);
    }
}
