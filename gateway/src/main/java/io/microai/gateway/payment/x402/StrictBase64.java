package io.microai.gateway.payment.x402;

import java.util.Base64;
import java.util.Optional;

/**
 * Base64 as the official client writes it ({@code btoa}): the standard alphabet, padded to a multiple of
 * four. Refused: whitespace anywhere, the URL-safe alphabet ({@code -_}), missing or misplaced padding,
 * and non-zero leftover bits (two spellings of the same bytes). The JDK's decoder alone would accept a
 * missing pad and ignore leftover bits, so the text must also be the canonical encoding of what it
 * decodes to. No official client sends anything else, and one spelling per payload keeps logs and
 * replay reasoning simple.
 */
final class StrictBase64 {
    private StrictBase64() {
    }

    static Optional<byte[]> decode(String text) {
        int length = text.length();
        if (length == 0 || length % 4 != 0) {
            return Optional.empty();
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            boolean padding = c == '=' && i >= length - 2 && (i == length - 1 || text.charAt(length - 1) == '=');
            if (!alphabet && !padding) {
                return Optional.empty();
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Base64.getEncoder().encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }
}
