package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsCommentsBlankLinesExportAndQuotes() throws Exception {
        Path file = dir.resolve("stack.env");
        Files.writeString(file, """
                # a comment

                GATEWAY_PORT=4000
                export AI_PROVIDER=embedded
                  SPACED = value with spaces   # trailing comment
                DOUBLE="a \\"quoted\\" value # not a comment"
                SINGLE='literal $HOME \\n'
                EMPTY=
                URL=http://x/#fragment
                """);
        Map<String, String> values = EnvSettings.readEnvFile(file);
        assertEquals("4000", values.get("GATEWAY_PORT"));
        assertEquals("embedded", values.get("AI_PROVIDER"));
        assertEquals("value with spaces", values.get("SPACED"));
        assertEquals("a \"quoted\" value # not a comment", values.get("DOUBLE"));
        assertEquals("literal $HOME \\n", values.get("SINGLE"));
        assertEquals("", values.get("EMPTY"));
        assertEquals("http://x/#fragment", values.get("URL"));
        assertEquals(7, values.size());
    }

    @Test
    void aBadLineNamesTheFileAndLine() throws Exception {
        Path file = dir.resolve("bad.env");
        Files.writeString(file, "OK=1\nnot an assignment\n");
        ConfigException e = assertThrows(ConfigException.class, () -> EnvSettings.readEnvFile(file));
        assertTrue(e.getMessage().contains("bad.env:2"), e.getMessage());

        Files.writeString(file, "X=\"unterminated\n");
        assertTrue(assertThrows(ConfigException.class, () -> EnvSettings.readEnvFile(file)).getMessage().contains("unterminated"));

        Files.writeString(file, "1BAD=x\n");
        assertThrows(ConfigException.class, () -> EnvSettings.readEnvFile(file));
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class, () -> EnvSettings.readEnvFile(dir.resolve("nope.env")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
