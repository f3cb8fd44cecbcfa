package io.microai.gateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both OpenAPI documents pass Redocly CLI's recommended rules (scripts/openapi-lint) without an error. */
class OpenApiLintTest {
    @Test
    void redoclyLintsBothDocumentsWithoutErrors() throws Exception {
        Path root = repositoryRoot();
        Path lint = root.resolve("scripts/openapi-lint/lint");
        assertTrue(Files.isRegularFile(root.resolve("scripts/openapi-lint/node_modules/.bin/redocly")),
                "Redocly CLI is not installed: run scripts/openapi-lint/install (scripts/install-test-tools does)");
        Process p = new ProcessBuilder(lint.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "redocly did not finish");
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("scripts/openapi-lint")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root above " + here);
    }
}
