package io.microai.shared.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {

    @Test
    void idsAreVersionFourIetfVariantAndNeverRepeatAcrossManyBlocks() {
        Set<UUID> seen = new HashSet<>();
        int count = 20 * RandomUuids.BLOCK_BYTES / 16;
        for (int i = 0; i < count; i++) {
            UUID id = RandomUuids.next();
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            seen.add(id);
        }
        assertEquals(count, seen.size());
    }

    @Test
    void textFormIsTheCanonicalOne() {
        String id = RandomUuids.nextString();
        assertEquals(UUID.fromString(id).toString(), id);
        assertEquals(36, id.length());
    }
}
