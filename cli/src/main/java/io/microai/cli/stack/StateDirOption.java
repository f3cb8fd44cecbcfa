package io.microai.cli.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}, shared by every stack command. */
final class StateDirOption {
    static final String ENV = "MICROAI_STATE_DIR";
    static final String DEFAULT_DIR = ".microai";

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory for the stack's state file and logs (default: $MICROAI_STATE_DIR, else .microai in the current directory).")
    Path dir;

    StackFiles files() {
        Path chosen = dir;
        if (chosen == null) {
            String fromEnv = System.getenv(ENV);
            chosen = Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : DEFAULT_DIR);
        }
        return new StackFiles(chosen.toAbsolutePath().normalize());
    }

    /** The option to repeat in hints such as "stop with: microai stack down --state-dir X". */
    String hint() {
        if (dir == null) {
            return "";
        }
        String shown = dir.toString();
        return " --state-dir " + (shown.matches("[A-Za-z0-9_./:@%+=,-]+") ? shown : "'" + shown.replace("'", "'\\''") + "'");
    }
}
