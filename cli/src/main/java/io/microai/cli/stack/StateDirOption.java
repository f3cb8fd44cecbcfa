package io.microai.cli.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}, shared by every stack command. */
final class StateDirOption {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory for the stack's state file and logs (default: $" + StackFiles.ENV + ", else "
                    + StackFiles.DEFAULT_DIR + " in the current directory).")
    Path dir;

    StackFiles files() {
        return StackFiles.locate(dir);
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
