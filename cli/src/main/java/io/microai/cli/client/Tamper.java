package io.microai.cli.client;

import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * What a paid retry does to its payment: nothing, an invalid but well-formed signature, or the garbled signature or
 * nonce a broken or hostile client sends (as headers in the legacy format, inside the payment's JSON in x402). The
 * gateway must answer every one of them with a 4xx, never a 500.
 */
record Tamper(UnaryOperator<String> signature, UnaryOperator<String> nonce) {
    static final Tamper NONE = new Tamper(UnaryOperator.identity(), UnaryOperator.identity());

    /** Kinds 0-3 garble the signature: not hex, truncated, far too long, a bare "0x". */
    static final int SIGNATURE_KINDS = 4;
    /** Kinds 4-6 garble the nonce: junk text, very long, path and quote characters. */
    static final int GARBLED_KINDS = 7;

    /** A truncated signature keeps "0x" and fewer hex digits than any valid one has. */
    private static final int MAX_TRUNCATED_DIGITS = 40;
    /** An over-long signature gains 200-400 extra bytes: far past a signature's length, well under a header's limit. */
    private static final int MIN_EXTRA_BYTES = 200;
    /** A very long nonce is 2-4 KB: longer than any nonce the gateway issues, short enough to fit a header. */
    private static final int MIN_LONG_NONCE = 2000;

    /** The high-s twin of the valid signature: well-formed, but the verifier accepts only low-s signatures. */
    static Tamper malleated() {
        return new Tamper(Tamper::malleate, UnaryOperator.identity());
    }

    /** Garbled headers of the given kind (0 to {@link #GARBLED_KINDS} - 1). */
    static Tamper garbled(int kind) {
        UnaryOperator<String> garble = s -> garble(s, kind, ThreadLocalRandom.current());
        return kind < SIGNATURE_KINDS ? new Tamper(garble, UnaryOperator.identity()) : new Tamper(UnaryOperator.identity(), garble);
    }

    static String garble(String value, int kind, Random random) {
        return switch (kind) {
            case 0 -> "0x" + "zz".repeat(Signature.LENGTH);
            case 1 -> value.substring(0, Math.min(value.length(), 2 + random.nextInt(MAX_TRUNCATED_DIGITS)));
            case 2 -> value + "ab".repeat(MIN_EXTRA_BYTES + random.nextInt(MIN_EXTRA_BYTES));
            case 3 -> "0x";
            case 4 -> "garbled-" + Long.toHexString(random.nextLong());
            case 5 -> "n".repeat(MIN_LONG_NONCE + random.nextInt(MIN_LONG_NONCE));
            default -> "../../%00'\";{}$(x)" + random.nextInt(1000);
        };
    }

    static String malleate(String signature) {
        Signature s = Signature.parse(signature);
        // n - s is the other valid s for the same r; the recovery id (27 or 28) flips with it.
        return new Signature(s.r(), Secp256k1.N.subtract(s.s()), s.v() == 27 ? 28 : 27).toHex();
    }
}
