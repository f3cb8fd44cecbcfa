package io.microai.shared.api;

/**
 * The gateway's public surface that clients, the stack launcher and the figures engine must agree on:
 * its default port, its routes and its health paths. The gateway registers exactly these; everything
 * else reads them from here, so a rename is one edit.
 */
public final class GatewayApi {
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_URL = "http://127.0.0.1:" + DEFAULT_PORT;

    public static final String SUMMARIZE_PATH = "/api/ai/summarize";
    /** The same paid summary as Server-Sent Events: {@code chunk} events, then {@code done} or {@code error}. */
    public static final String SUMMARIZE_STREAM_PATH = "/api/ai/summarize/stream";
    /** A route template: {@code {id}} is the receipt id. */
    public static final String RECEIPT_PATH = "/api/receipts/{id}";
    /** The concrete prefix of {@link #RECEIPT_PATH}, for building a lookup URL or reserving the prefix. */
    public static final String RECEIPTS_PREFIX = "/api/receipts/";
    public static final String HEALTHZ_PATH = "/healthz";
    public static final String READYZ_PATH = "/readyz";
    /** The gateway's OpenAPI 3.1 document. */
    public static final String OPENAPI_PATH = "/openapi.yaml";

    private GatewayApi() {
    }

    /** {@code base} with any trailing slashes removed, then {@code path}. */
    public static String url(String base, String path) {
        return base.replaceFirst("/+$", "") + path;
    }

    public static String receiptPath(String id) {
        return RECEIPTS_PREFIX + id;
    }
}
