package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.microai.cli.ServiceJvmOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line {@code stack up} runs each Java service with. */
class JavaServiceTest {
    @TempDir
    Path dir;

    private List<String> jvmFlags(Map<String, String> inherited, String... args) throws Exception {
        StackUpCommand command = new StackUpCommand();
        new CommandLine(command).parseArgs(args);
        return JavaService.jvmFlags(StackLayout.from(command.options, new StackFiles(dir), inherited));
    }

    @Test
    void withoutStackJavaOptsTheServicesGetTheServiceDefaultsWithTheOptimizingCompiler() throws Exception {
        List<String> flags = jvmFlags(Map.of());
        assertEquals(ServiceJvmOptions.defaults(), flags);
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("-XX:TieredStopAtLevel")), flags.toString());
    }

    @Test
    void stackJavaOptsReplaceTheDefaultsWholeFromASettingOrTheEnvironment() throws Exception {
        assertEquals(List.of("-XX:+UseG1GC", "-Xmx1g"), jvmFlags(Map.of(), "-e", JavaService.JAVA_OPTS + "=-XX:+UseG1GC  -Xmx1g"));
        assertEquals(List.of("-Xmx2g"), jvmFlags(Map.of(JavaService.JAVA_OPTS, "-Xmx2g")));
    }
}
