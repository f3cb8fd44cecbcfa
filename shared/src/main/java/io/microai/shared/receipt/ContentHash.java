package io.microai.shared.receipt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The {@code "sha256:" + hex} body digests a receipt binds the request and response with. */
public final class ContentHash {

    public static final String PREFIX = "sha256:";

    private ContentHash() {
    }

    public static String sha256(byte[] content) {
        try {
            // MessageDigest instances are not thread-safe; a fresh one per call is cheap next to an AI call.
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return PREFIX + HexFormat.of().formatHex(digest.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
