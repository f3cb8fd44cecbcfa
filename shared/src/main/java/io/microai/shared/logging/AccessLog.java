package io.microai.shared.logging;

import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The access line: one INFO record per completed request on the {@code access} logger, whose
 * fields come from a closed list the services fill in (never a header value, body or signature).
 */
public final class AccessLog {
    private static final Logger LOG = Logger.getLogger("access");

    private AccessLog() {
    }

    /**
     * @param fields the request's fields, {@code correlation_id}, {@code method}, {@code route},
     *               {@code status}, {@code duration_ms} and {@code bytes} first, then service-specific ones
     */
    public static void log(Map<String, Object> fields) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        Object cid = fields.get("correlation_id");
        if (cid != null) {
            text.append("[cid=").append(cid).append("] ");
        }
        text.append(fields.get("service")).append(": ").append(fields.get("method")).append(' ').append(fields.get("route")).append(' ').append(fields.get("status"));
        Object ms = fields.get("duration_ms");
        if (ms instanceof Number n) {
            appendTenths(text.append(' '), n.doubleValue()).append("ms");
        }
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            switch (e.getKey()) {
                case "correlation_id", "service", "method", "route", "status", "duration_ms" -> { }
                default -> {
                    if (e.getValue() != null) {
                        text.append(' ').append(e.getKey()).append('=').append(e.getValue());
                    }
                }
            }
        }
        // The correlation id is in the fields; the formatter would otherwise lift it from the message.
        StructuredRecord record = new StructuredRecord(Level.INFO, text.toString(), fields);
        record.setLoggerName(LOG.getName());
        // Named here, the record's source is not found by walking the caller's stack on every request.
        record.setSourceClassName(AccessLog.class.getName());
        record.setSourceMethodName("log");
        LOG.log(record);
    }

    /**
     * {@code value} as {@code %.1f} writes it (half up on its decimal digits), without a {@link java.util.Formatter}
     * per request: durations come rounded to hundredths, so the hundredths are exact and one addition rounds them.
     */
    static StringBuilder appendTenths(StringBuilder text, double value) {
        if (!(value >= 0 && value < 1e9)) {
            return text.append(String.format(Locale.ROOT, "%.1f", value));
        }
        double scaled = value * 100;
        long hundredths = Math.round(scaled);
        if (Math.abs(scaled - hundredths) > 1e-6 * Math.max(1, scaled)) {
            return text.append(String.format(Locale.ROOT, "%.1f", value)); // not a whole number of hundredths
        }
        long tenths = (hundredths + 5) / 10;
        return text.append(tenths / 10).append('.').append(tenths % 10);
    }
}
