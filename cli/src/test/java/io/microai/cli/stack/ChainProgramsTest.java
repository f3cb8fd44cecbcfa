package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local payment network's Node programs ({@code chain/}), run as the build runs them: the committed
 * token artifact is the output of the committed Solidity source, and the node test proves, on a real
 * anvil, that the official facilitator verifies and settles with that token. Node and the chain's npm
 * packages are required ({@code chain/install}, which scripts/install-test-tools runs): without them
 * this test fails, it never skips.
 */
class ChainProgramsTest {
    private static Path chain;

    @BeforeAll
    static void requireTheChainPackages() {
        chain = ChainTestSupport.chainDir();
    }

    @Test
    void theCommittedContractArtifactsEqualAFreshCompileWithThePinnedSolc() throws Exception {
        Run run = node(List.of("compile.mjs", "--check"), 120);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("artifacts equal a fresh compile with solc 0.8.37"), run.output());
    }

    @Test
    void theOfficialFacilitatorVerifiesSettlesAndRefusesReplaysWithTheTestTokenOnARealNode() throws Exception {
        Run run = node(List.of("--test", "test/"), 240);
        assertEquals(0, run.exit(), run.output());
        // node's test runner closes with the counts; every test passed and none was skipped.
        assertTrue(run.output().contains("# fail 0") && run.output().contains("# skipped 0"), run.output());
        assertTrue(!run.output().contains("# pass 0"), run.output());
    }

    private record Run(int exit, String output) {
    }

    private static Run node(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("chain-node", ".log");
        try {
            List<String> command = new java.util.ArrayList<>(List.of("node"));
            command.addAll(args);
            Process p = new ProcessBuilder(command).directory(chain.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("node " + String.join(" ", args) + " still running after " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
