package io.microai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Parsing, usage errors and help across the whole command tree. */
class MainTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Stream<String> everyCommand() {
        List<String> names = new ArrayList<>();
        collect(Main.commandLine(), "", names);
        return names.stream();
    }

    private static void collect(CommandLine cmd, String prefix, List<String> out) {
        out.add(prefix.trim());
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, prefix + " " + name, out);
            }
        });
    }

    @ParameterizedTest(name = "microai {0} --help")
    @MethodSource("everyCommand")
    void everyCommandHasHelpThatExitsZero(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Usage:"), r.out());
    }

    @Test
    void anUnknownCommandIsAUsageErrorOnOneLine() {
        Result r = run("no-such-command");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("microai: "), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run().code());
    }

    @Test
    void loadRejectsImpossibleSettingsAsUsageErrors() {
        assertEquals(2, run("load", "-n", "0").code());
        assertEquals(2, run("load", "--repeat-ratio", "1.5").code());
        assertEquals(2, run("load", "--invalid-ratio", "-0.1").code());
        assertEquals(2, run("load", "-n", "5", "--duration", "5s").code());
        assertEquals(2, run("load", "--duration", "five").code());
        assertEquals(2, run("load", "--rate", "0").code());
    }

    @Test
    void payNeedsTextAndOneKeySource() {
        assertEquals(2, run("pay", "summarize").code());
        Result both = run("pay", "summarize", "--text", "x", "--key", "1".repeat(64), "--key-file", "/nonexistent");
        assertEquals(2, both.code(), both.err());
    }

    @Test
    void aBadKeyIsAFailureWithoutAStackTrace() {
        Result r = run("pay", "summarize", "--text", "x", "--key", "xyz", "--gateway", "http://127.0.0.1:9");
        assertEquals(1, r.code());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains("64 hex digits"), r.err());
    }

    @Test
    void receiptVerifyNeedsASourceAndATrustedServer() {
        assertEquals(2, run("receipt", "verify", "--server", "0x" + "1".repeat(40)).code());
        assertEquals(2, run("receipt", "verify", "--id", "rcpt_000000000000").code());
    }

    @Test
    void unreachableGatewayIsOneClearLine() {
        Result r = run("pay", "summarize", "--text", "x", "--gateway", "http://127.0.0.1:9");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot reach the gateway"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void completionScriptsAreGeneratedForBashAndZsh() {
        Result bash = run("completion", "bash");
        assertEquals(0, bash.code());
        assertTrue(bash.out().contains("microai") && bash.out().contains("complete"), "a bash completion script");
        Result zsh = run("completion", "zsh");
        assertEquals(0, zsh.code());
        assertTrue(zsh.out().contains("bashcompinit"));
        assertEquals(2, run("completion", "fish").code());
    }

    @Test
    void durationsReadAsOperatorsWriteThem() {
        assertEquals(java.time.Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(java.time.Duration.ofSeconds(2), Durations.parse("2s"));
        assertEquals(java.time.Duration.ofSeconds(90), Durations.parse("1m30s"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Durations.parse("2 s"));
    }
}
