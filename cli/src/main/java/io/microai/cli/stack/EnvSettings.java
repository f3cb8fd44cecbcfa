package io.microai.cli.stack;

import io.microai.shared.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Settings for the services: {@code --env-file} lines and {@code -e KEY=VALUE} assignments. */
final class EnvSettings {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvSettings() {
    }

    static boolean validKey(String key) {
        return KEY.matcher(key).matches();
    }

    /**
     * Reads {@code KEY=VALUE} lines: blank lines and {@code #} comments are skipped, an {@code export }
     * prefix is allowed, values may be single-quoted (literal) or double-quoted (with \n \t \" \\ \$
     * escapes); an unquoted value ends at a {@code " #"} comment and is trimmed.
     */
    static Map<String, String> readEnvFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("--env-file " + file + " cannot be read: " + describe(e));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = file + ":" + (i + 1);
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(where + ": expected KEY=VALUE, got '" + abbreviate(line) + "'");
            }
            String key = line.substring(0, eq).strip();
            if (!validKey(key)) {
                throw new ConfigException(where + ": '" + abbreviate(key) + "' is not a valid variable name");
            }
            values.put(key, value(line.substring(eq + 1).strip(), where));
        }
        return values;
    }

    private static String value(String raw, String where) {
        if (raw.isEmpty()) {
            return "";
        }
        char first = raw.charAt(0);
        if (first == '\'' || first == '"') {
            StringBuilder out = new StringBuilder();
            int i = 1;
            boolean closed = false;
            for (; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == first) {
                    closed = true;
                    break;
                }
                if (first == '"' && c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    switch (next) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '"', '\\', '$', '`' -> out.append(next);
                        default -> out.append('\\').append(next);
                    }
                    continue;
                }
                out.append(c);
            }
            if (!closed) {
                throw new ConfigException(where + ": unterminated " + (first == '"' ? "double" : "single") + " quote");
            }
            String rest = raw.substring(i + 1).strip();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw new ConfigException(where + ": unexpected text after the closing quote: '" + abbreviate(rest) + "'");
            }
            return out.toString();
        }
        for (int i = 1; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
                return raw.substring(0, i).strip();
            }
        }
        return raw;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
