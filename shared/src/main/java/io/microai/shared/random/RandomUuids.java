package io.microai.shared.random;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version-4 UUIDs as unpredictable as {@link UUID#randomUUID()} at a fraction of its cost. Each thread keeps its
 * own DRBG (the default NativePRNG funnels every caller through one lock) and draws from it a block at a time,
 * handing out 16 bytes per id: one generator call then pays for many ids. Bytes are used once and never leave
 * the thread that drew them.
 */
public final class RandomUuids {
    /** Bytes drawn per refill: 64 ids. */
    static final int BLOCK_BYTES = 1024;
    private static final ThreadLocal<Block> BLOCKS = ThreadLocal.withInitial(Block::new);

    private RandomUuids() {
    }

    /** A fresh random UUID. */
    public static UUID next() {
        Block block = BLOCKS.get();
        long msb = (block.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (block.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb);
    }

    /** {@link #next()} in its canonical text form. */
    public static String nextString() {
        return next().toString();
    }

    private static final class Block {
        private final SecureRandom random = generator();
        private final byte[] bytes = new byte[BLOCK_BYTES];
        private int position = BLOCK_BYTES;

        long nextLong() {
            if (position == BLOCK_BYTES) {
                random.nextBytes(bytes);
                position = 0;
            }
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (bytes[position] & 0xFF);
                bytes[position++] = 0; // a used byte is not left behind
            }
            return value;
        }

        private static SecureRandom generator() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }
    }
}
