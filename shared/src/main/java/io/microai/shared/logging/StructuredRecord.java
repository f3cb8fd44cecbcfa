package io.microai.shared.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log record that carries named fields besides its message: the JSON format writes them as members,
 * the text format shows the message, which should say the same thing in words.
 */
public final class StructuredRecord extends LogRecord {
    private final Map<String, Object> fields;

    public StructuredRecord(Level level, String message, Map<String, Object> fields) {
        super(level, message);
        this.fields = new LinkedHashMap<>(fields);
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
