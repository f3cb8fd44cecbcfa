package io.microai.gateway.receipt;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Receipt ids: {@code rcpt_} + 12 lowercase hex digits (6 random bytes), 17 characters in all. */
public final class ReceiptId {

    public static final String PREFIX = "rcpt_";
    public static final int LENGTH = PREFIX.length() + 12;
    private static final Pattern FORMAT = Pattern.compile("rcpt_[0-9a-f]{12}");
    private static final HexFormat HEX = HexFormat.of();
    // Ids are the only thing guarding the unauthenticated lookup endpoint, so they must be unguessable.
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReceiptId() {
    }

    public static String generate() {
        byte[] raw = new byte[6];
        RANDOM.nextBytes(raw);
        return PREFIX + HEX.formatHex(raw);
    }

    /** True only for the exact format we issue, so lookups never touch the store with arbitrary input. */
    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
