package io.microai.cli.stack;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.microai.shared.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code stack --env-file} parser, fed any file. The property: the file is read into valid variable names
 * or refused with a {@link ConfigException} naming the line, never another exception.
 */
class EnvSettingsFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("env-settings-fuzz", ".env");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void anyFileIsReadOrRefusedWithAConfigException(byte[] content) throws IOException {
        if (content == null) {
            return; // the fuzzer's null: a file has content, if none
        }
        Files.write(FILE, content);
        Map<String, String> values;
        try {
            values = EnvSettings.readEnvFile(FILE);
        } catch (ConfigException e) {
            return;
        }
        for (String key : values.keySet()) {
            if (!EnvSettings.validKey(key)) {
                throw new AssertionError("accepted the variable name '" + key + "'");
            }
        }
    }
}
