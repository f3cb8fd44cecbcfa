package io.microai.cli.gen;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code -o FILE} option every generator shares: a file when given, stdout otherwise. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (parent directories are created) instead of stdout.")
    Path file;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The file, if any, so a generator can make paths inside its output relative to it. */
    Path file() {
        return file;
    }

    void write(String text) throws IOException {
        if (file == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        writeFile(file, text);
    }

    static void writeFile(Path path, String text) throws IOException {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write " + path + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way of a directory";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
