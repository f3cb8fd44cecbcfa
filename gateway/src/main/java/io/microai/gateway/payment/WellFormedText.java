package io.microai.gateway.payment;

/** Whether a Java string is well-formed UTF-16: every surrogate in a high-then-low pair, so it encodes exactly. */
public final class WellFormedText {
    private WellFormedText() {
    }

    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
