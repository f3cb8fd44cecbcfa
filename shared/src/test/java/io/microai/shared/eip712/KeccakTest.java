package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeccakTest {

    @Test
    void emptyInputGivesEthereumKeccakNotSha3() {
        // SHA3-256("") would be a7ffc6f8bf1ed766...; Ethereum's empty-code hash is this one.
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                EthersVectors.hex(Keccak.keccak256()));
    }

    @Test
    void partsHashAsTheirConcatenation() {
        byte[] whole = Keccak.keccak256("hello world".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(whole, Keccak.keccak256("hello".getBytes(StandardCharsets.UTF_8),
                " ".getBytes(StandardCharsets.UTF_8), "world".getBytes(StandardCharsets.UTF_8)));
        assertEquals("0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad", EthersVectors.hex(whole));
    }
}
