package io.microai.shared.eip712;

/**
 * Strict hex codec. BouncyCastle's decoder skips whitespace; for untrusted signatures and
 * addresses we want any stray character to be a rejection, not silently ignored.
 */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Decodes {@code s[from..]} or returns null if it is not an even-length run of hex digits. */
    static byte[] decodeOrNull(String s, int from) {
        int len = s.length() - from;
        if (len < 0 || (len & 1) != 0) {
            return null;
        }
        byte[] out = new byte[len / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(from + 2 * i), 16);
            int lo = Character.digit(s.charAt(from + 2 * i + 1), 16);
            if (hi < 0 || lo < 0 || !isAscii(s.charAt(from + 2 * i)) || !isAscii(s.charAt(from + 2 * i + 1))) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    // Character.digit accepts non-ASCII digits (e.g. fullwidth '０'); those are not hex in a wire format.
    private static boolean isAscii(char c) {
        return c < 0x80;
    }

    static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    static boolean hasPrefix(String s) {
        return s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
    }
}
