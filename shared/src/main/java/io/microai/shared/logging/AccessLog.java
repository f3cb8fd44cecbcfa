package io.microai.shared.logging;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
            text.append(' ').append(oneDecimal(n.doubleValue())).append("ms");
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
        // Named here, the source is what the record would infer, without the stack walk inferring it costs on
        // every request.
        record.setSourceClassName(AccessLog.class.getName());
        record.setSourceMethodName("log");
        LOG.log(record);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.1f", value)} without the Formatter, which parses its pattern on each
     * call: both round the shortest decimal form of the double half-up.
     */
    static String oneDecimal(double value) {
        if (!(value > 0) || Double.isInfinite(value)) { // zero, and what a duration never is: Formatter keeps their signs
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
