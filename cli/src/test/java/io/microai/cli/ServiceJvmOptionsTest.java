package io.microai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceJvmOptionsTest {
    @Test
    void commentsAndBlankLinesAreSkippedAndLinesSplitIntoWords() {
        assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC", "-Da=b"),
                ServiceJvmOptions.parse("# why\n\n  -Xmx1g\n-XX:+UseSerialGC -Da=b\n   # indented comment\n"));
    }

    @Test
    void theDefaultsBoundTheHeapPickOneCollectorAndKeepTheOptimizingCompiler() {
        List<String> defaults = ServiceJvmOptions.defaults();
        assertTrue(defaults.stream().anyMatch(f -> f.startsWith("-Xmx")), defaults.toString());
        assertEquals(1, defaults.stream().filter(f -> f.matches("-XX:\\+Use\\w+GC")).count(), defaults.toString());
        assertFalse(defaults.stream().anyMatch(f -> f.startsWith("-XX:TieredStopAtLevel")), defaults.toString());
        assertFalse(defaults.stream().anyMatch(f -> f.startsWith("-XX:-TieredCompilation")), defaults.toString());
    }

    @Test
    void aBlankOverrideKeepsTheDefaultsAndAnyOtherReplacesThem() {
        assertEquals(ServiceJvmOptions.defaults(), ServiceJvmOptions.orDefaults("  "));
        assertEquals(ServiceJvmOptions.defaults(), ServiceJvmOptions.orDefaults(null));
        assertEquals(List.of("-Xmx2g"), ServiceJvmOptions.orDefaults(" -Xmx2g "));
    }
}
