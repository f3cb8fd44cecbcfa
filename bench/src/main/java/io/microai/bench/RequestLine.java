package io.microai.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One pre-signed POST as {@code scripts/bench/paid.lua} reads it: fields separated by tabs — the path, the
 * body, then each header as {@code Name: value}. A tab-separated line needs no JSON parser in Lua; compact
 * JSON never holds a raw tab or newline (they are escaped inside strings), and neither do header values.
 */
record RequestLine(String path, String body, List<String> headers) {
    static final char SEPARATOR = '\t';

    RequestLine {
        headers = List.copyOf(headers);
        for (String field : fields(path, body, headers)) {
            if (field.indexOf(SEPARATOR) >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a request field holds a tab or a line break: " + field);
            }
        }
        for (String header : headers) {
            if (header.indexOf(": ") <= 0) {
                throw new IllegalArgumentException("a header must read 'Name: value': " + header);
            }
        }
    }

    String format() {
        return String.join(String.valueOf(SEPARATOR), fields(path, body, headers));
    }

    static RequestLine parse(String line) {
        List<String> fields = Arrays.asList(line.split(String.valueOf(SEPARATOR), -1));
        if (fields.size() < 2) {
            throw new IllegalArgumentException("a request line needs at least a path and a body");
        }
        return new RequestLine(fields.get(0), fields.get(1), fields.subList(2, fields.size()));
    }

    /** The value of header {@code name} (case-insensitive), or null. */
    String header(String name) {
        for (String header : headers) {
            int colon = header.indexOf(": ");
            if (header.substring(0, colon).equalsIgnoreCase(name)) {
                return header.substring(colon + 2);
            }
        }
        return null;
    }

    private static List<String> fields(String path, String body, List<String> headers) {
        String[] all = new String[headers.size() + 2];
        all[0] = path;
        all[1] = body;
        for (int i = 0; i < headers.size(); i++) {
            all[i + 2] = headers.get(i);
        }
        return Arrays.asList(all);
    }
}
