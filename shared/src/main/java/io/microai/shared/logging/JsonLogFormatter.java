package io.microai.shared.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per log record, on one line: {@code time} (ISO-8601 UTC), {@code level},
 * {@code logger}, {@code message}, {@code correlation_id} when the record has one, the fields of a
 * {@link StructuredRecord}, and {@code error} with the exception's type, message and stack trace.
 * Newlines inside values are escaped, so a line is always a whole record.
 *
 * <p>Records keep their correlation id in a {@code [cid=…]} message prefix (readable in the text
 * format); it is lifted into its own member here so a log query can select on it.
 */
public final class JsonLogFormatter extends Formatter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern CID_PREFIX = Pattern.compile("^\\[cid=([^\\]]{1,64})] ?");

    @Override
    public String format(LogRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        String message = formatMessage(record);
        Matcher cid = CID_PREFIX.matcher(message == null ? "" : message);
        if (cid.find()) {
            line.put("correlation_id", cid.group(1));
            message = message.substring(cid.end());
        }
        line.put("message", message);
        if (record instanceof StructuredRecord structured) {
            structured.fields().forEach(line::putIfAbsent);
        }
        if (record.getThrown() != null) {
            Throwable t = record.getThrown();
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", t.getClass().getName());
            error.put("message", t.getMessage());
            StringWriter stack = new StringWriter();
            t.printStackTrace(new PrintWriter(stack));
            error.put("stack", stack.toString());
            line.put("error", error);
        }
        try {
            return MAPPER.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            // A field Jackson cannot write must not lose the record: fall back to its message alone.
            return "{\"time\":\"" + Instant.ofEpochMilli(record.getMillis()) + "\",\"level\":\"" + record.getLevel().getName()
                    + "\",\"message\":" + quote(message) + "}" + System.lineSeparator();
        }
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return "\"\"";
        }
    }
}
