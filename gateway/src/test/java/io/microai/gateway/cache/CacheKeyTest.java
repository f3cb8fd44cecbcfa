package io.microai.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CacheKeyTest {

    @Test
    void isVersionedSha256Hex() {
        CacheKey k = CacheKey.of("/api/ai/summarize", "m", "hello");
        assertTrue(k.value().matches("v1:[0-9a-f]{64}"), k.value());
        assertEquals(k, CacheKey.of("/api/ai/summarize", "m", "hello"));
        assertEquals(k.hashCode(), CacheKey.of("/api/ai/summarize", "m", "hello").hashCode());
    }

    @Test
    void everyInputMattersAndFieldsCannotBleed() {
        CacheKey base = CacheKey.of("/r", "m", "text");
        assertNotEquals(base, CacheKey.of("/r2", "m", "text"));
        assertNotEquals(base, CacheKey.of("/r", "m2", "text"));
        assertNotEquals(base, CacheKey.of("/r", "m", "text2"));
        assertNotEquals(CacheKey.of("/r", "ab", "c"), CacheKey.of("/r", "a", "bc"));
    }

    @Test
    void knownVector() {
        // printf "2:/r1:m4:text" | sha256sum, so the derivation cannot drift silently.
        assertEquals("v1:4a9acb630d5ee972c1e8d991b4b7f35017506a6b0281487225ea38aa02eeda41",
                CacheKey.of("/r", "m", "text").value());
    }

    @Test
    void aLoneSurrogateHasNoKeyRatherThanTheKeyOfTheTextWithAQuestionMark() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CacheKey.of("/r", "m", "a" + '\ud800' + "b"));
        org.junit.jupiter.api.Assertions.assertNotEquals(CacheKey.of("/r", "m", "a?b"), CacheKey.of("/r", "m", "a\ud83d\ude00b"));
    }
}
