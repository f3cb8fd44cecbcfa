package io.microai.shared.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void emptyInputHashesToTheWellKnownSha256() {
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ContentHash.sha256(new byte[0]));
    }

    @Test
    void hashIsPrefixedLowercaseHexOfTheExactBytes() {
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ContentHash.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
