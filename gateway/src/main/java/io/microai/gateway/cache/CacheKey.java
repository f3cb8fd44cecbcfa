package io.microai.gateway.cache;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Identity of a cacheable AI response: {@code v1:} followed by the SHA-256 hex of route, model and text.
 *
 * <p>Only inputs that determine the AI output go in. Payment headers are excluded on purpose: the cache
 * must never become a way to look up, or skip, a payment. The model is included so changing it never
 * serves the old model's answers. Fields are length-prefixed before hashing so no two different
 * (route, model, text) triples can produce the same byte string. Bump the version prefix whenever the
 * derivation or the cached value format changes.
 */
public final class CacheKey {

    static final String VERSION_PREFIX = "v1:";

    private final String value;

    private CacheKey(String value) {
        this.value = value;
    }

    public static CacheKey of(String route, String model, String text) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        MessageDigest sha256 = sha256();
        for (String field : new String[] {route, model, text}) {
            byte[] bytes = strictUtf8(field);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return new CacheKey(VERSION_PREFIX + HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * The UTF-8 of {@code field}, refusing what it cannot encode exactly: {@code getBytes} would turn an unpaired
     * surrogate into {@code ?}, giving two different texts one key.
     *
     * @throws IllegalArgumentException for a string that is not well-formed UTF-16
     */
    private static byte[] strictUtf8(String field) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(field));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a cache key field must be well-formed Unicode", e);
        }
    }

    /** The key text, safe to use as a Redis key or log field (it reveals nothing about the text). */
    public String value() {
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
