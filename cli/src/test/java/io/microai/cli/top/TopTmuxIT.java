package io.microai.cli.top;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code microai metrics top} as an operator sees it: the real jar in a real terminal (a detached
 * tmux pane of 120×40 on a private tmux socket), watching a gateway and verifier that run in this
 * JVM. Fails (does not skip) when tmux is missing.
 */
class TopTmuxIT {
    private static final String TMUX = "/usr/bin/tmux";
    private static LiveStack stack;
    private String socket;
    private final String session = "top";

    @BeforeAll
    static void startStack() {
        assertTrue(new File(TMUX).canExecute(), "tmux is required for this test (Debian package tmux): " + TMUX);
        stack = new LiveStack();
        stack.startTraffic();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void startShell() throws Exception {
        socket = "microai-top-it-" + UUID.randomUUID().toString().substring(0, 8);
        // A plain POSIX shell (no readline that would repair a terminal left in raw mode behind our back).
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "env PS1='$ ' /bin/sh");
    }

    @AfterEach
    void killSession() throws Exception {
        tmux("kill-server");
    }

    private String command(String... extra) {
        String jar = System.getProperty("microai.jar");
        assertTrue(jar != null && new File(jar).isFile(), "microai.jar not built: " + jar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder sb = new StringBuilder("LANG=C.UTF-8 LC_ALL=C.UTF-8 '" + java + "' -XX:+UseSerialGC -jar '" + jar + "' metrics top"
                + " --target " + stack.gatewayMetrics + " --target " + stack.verifierMetrics + " --interval 500ms --timeout 10s");
        for (String e : extra) {
            sb.append(' ').append(e);
        }
        return sb.append("; echo \"top exited with $?\"").toString();
    }

    @Test
    void drawsTheDashboardShowsHelpAndLeavesTheAlternateScreenOnQ() throws Exception {
        type(command());
        String frame = await(s -> s.contains("req/s") && s.contains("/api/ai/summarize") && s.contains("VERIFIER  1/1 up")
                && s.matches("(?s).*req/s\\s+[0-9.]+[1-9].*"), "the dashboard with a non-zero request rate");
        assertTrue(frame.startsWith("microai metrics top  window 1m · every 500ms"), frame);
        assertTrue(frame.contains("gateway") && frame.contains("verifier"), frame);
        assertTrue(frame.contains("q quit"), frame);
        assertFalse(frame.contains("top exited"), "still running: " + frame);

        keys("?");
        String help = await(s -> s.contains("help: keys"), "the help overlay");
        assertTrue(help.contains("quit") && help.contains("window 1m"), help);
        keys("x");
        await(s -> !s.contains("help: keys") && s.contains("req/s"), "the help closed by any key");

        keys("s");
        await(s -> s.contains("sort p99"), "s cycles the sort");
        keys("/");
        literal("summ");
        keys("Enter");
        await(s -> s.contains("filter \"summ\"") && s.contains("/api/ai/summarize") && !s.contains("  /metrics "), "the filter applied");

        keys("q");
        String after = await(s -> s.contains("top exited with 0"), "the process exited");
        assertFalse(after.contains("req/s"), "the alternate screen was left; the shell's screen is back:\n" + after);
        assertTrue(after.contains("metrics top --target"), "the command line typed on the normal screen is visible again:\n" + after);
        assertCookedMode();
    }

    @Test
    void ctrlCQuitsAndRestoresTheTerminal() throws Exception {
        type(command("--debug-timing"));
        String frame = await(s -> s.contains("req/s") && s.matches("(?s).*compute\\+render [0-9.]+ ms CPU.*"), "the dashboard with timings");
        assertTrue(frame.contains("timing: scrape round"), frame);
        keys("C-c");
        String after = await(s -> s.contains("top exited with"), "the process exited on Ctrl-C");
        assertFalse(after.contains("req/s"), after);
        assertCookedMode();
    }

    @Test
    void followsTheTerminalSize() throws Exception {
        type(command());
        await(s -> s.contains("req/s") && s.contains("  PATH "), "the dashboard");
        tmux("resize-window", "-t", session, "-x", "60", "-y", "20");
        // At 60 columns the headline figures go from two columns to one: in-flight starts its own line.
        String small = await(s -> s.lines().anyMatch(l -> l.startsWith("  in-flight ")), "a redraw laid out for 60 columns");
        for (String line : small.split("\n")) {
            assertTrue(line.codePointCount(0, line.length()) <= 60, line);
        }
        keys("q");
        await(s -> s.contains("top exited with 0"), "the process exited");
    }

    /** After the dashboard is gone the shell's terminal must be back in canonical (cooked) mode with echo. */
    private void assertCookedMode() throws Exception {
        type("clear; echo \"STTY: $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' ')END\"");
        String s = await(x -> x.lines().anyMatch(l -> l.startsWith("STTY: ") && l.endsWith("END")), "stty output");
        String line = s.lines().filter(l -> l.startsWith("STTY: ")).findFirst().orElseThrow();
        assertTrue(line.contains(" icanon ") && !line.contains("-icanon"), "canonical mode restored: " + line);
        assertTrue(line.contains(" echo ") && !line.contains("-echo"), "echo restored: " + line);
    }

    private void type(String text) throws Exception {
        literal(text);
        keys("Enter");
    }

    private void literal(String text) throws Exception {
        tmux("send-keys", "-t", session, "-l", text);
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private String capture() throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    private String await(Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = capture();
            if (condition.test(screen)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; the pane shows:\n" + screen);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(TMUX, "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("TMUX");
        pb.environment().put("TERM", "xterm-256color");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tmux " + String.join(" ", args) + " hung");
        }
        if (p.exitValue() != 0 && !args[0].equals("kill-server")) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }
}
