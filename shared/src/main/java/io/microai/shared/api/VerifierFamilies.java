package io.microai.shared.api;

/** Names of the verifier's metric families: a public contract, spelled once (see {@link GatewayFamilies}). */
public final class VerifierFamilies {
    public static final String REQUESTS = "verifier_requests_total";
    public static final String REQUEST_DURATION = "verifier_request_duration_seconds";
    public static final String SIGNATURE_VALID = "verifier_signature_valid_total";
    public static final String SIGNATURE_INVALID = "verifier_signature_invalid_total";

    private VerifierFamilies() {
    }
}
