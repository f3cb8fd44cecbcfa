package io.microai.gateway.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an upstream-format nonce is issued for: the route and the exact body of the challenge request, as
 * {@code sha256:} hex over the length-prefixed route and the body bytes. Whoever sees a client's payment headers
 * cannot spend them on a body of their own: the paid request must carry the body the challenge was asked for.
 */
public final class RequestBinding {
    private RequestBinding() {
    }

    public static String of(String route, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
        byte[] path = route.getBytes(StandardCharsets.UTF_8);
        sha256.update((path.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha256.update(path);
        sha256.update(body);
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }
}
