package io.microai.shared.api;

/** The verifier's public surface: default port, the verification route and the health path. */
public final class VerifierApi {
    public static final int DEFAULT_PORT = 3002;
    public static final String DEFAULT_URL = "http://127.0.0.1:" + DEFAULT_PORT;

    public static final String VERIFY_PATH = "/verify";
    /** EIP-3009 {@code TransferWithAuthorization} recovery, for x402 payments. */
    public static final String VERIFY_AUTHORIZATION_PATH = "/verify/authorization";
    public static final String HEALTH_PATH = "/health";
    /** The verifier's OpenAPI 3.1 document. */
    public static final String OPENAPI_PATH = "/openapi.yaml";

    private VerifierApi() {
    }
}
