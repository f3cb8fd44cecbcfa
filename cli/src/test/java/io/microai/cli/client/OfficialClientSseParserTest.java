package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official client harness's own event-stream parser ({@code scripts/x402-client/sse.mjs}) passes its
 * {@code node --test} suite: the same cases as {@link SseParserTest}, so both readers of the stream agree.
 */
class OfficialClientSseParserTest {
    private static final long NODE_TIMEOUT_SECONDS = 90;

    @Test
    void theHarnessParserPassesItsNodeTestSuite() throws Exception {
        Path dir = OfficialX402ClientTest.repositoryRoot().resolve("scripts/x402-client");
        Path log = Files.createTempFile("sse-test", ".log");
        Process node = new ProcessBuilder("node", "--test", "sse.test.mjs").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("node --test did not finish in " + NODE_TIMEOUT_SECONDS + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, node.exitValue(), output);
            assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), output);
        } finally {
            if (node.isAlive()) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }
}
