package io.microai.shared.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format 0.0.4 (and the OpenMetrics subset a scrape of our own
 * services can return: {@code # EOF}, {@code # UNIT}, exemplars, second-resolution timestamps).
 *
 * <p>Strict where a silent mistake would corrupt figures (bad values, bad escapes, duplicate label
 * names, unterminated quotes all raise {@link ParseException} with the line number), lenient where
 * real exporters differ harmlessly (blank lines, {@code \r\n}, blanks around tokens, a trailing comma
 * in the label set, unknown {@code #} comments).
 *
 * <p>Stateless and thread-safe; one pass, one cursor, no regular expressions, because it runs on
 * every refresh of every target.
 */
public final class TextFormatParser {
    private TextFormatParser() {
    }

    public static ParsedExposition parse(String text) throws ParseException {
        List<Sample> samples = new ArrayList<>();
        List<Exemplar> exemplars = new ArrayList<>();
        Map<String, MetricType> types = new HashMap<>();
        boolean eof = false;
        int lineNo = 0;
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? len : nl;
            lineNo++;
            int lineEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            Line line = new Line(text, pos, lineEnd, lineNo);
            pos = nl < 0 ? len : nl + 1;

            line.skipBlanks();
            if (line.atEnd()) {
                continue;
            }
            if (eof) {
                throw line.error("content after # EOF");
            }
            if (line.peek() == '#') {
                eof = comment(line, types);
            } else {
                Sample sample = sample(line);
                samples.add(sample);
                Exemplar exemplar = exemplar(line, sample);
                if (exemplar != null) {
                    exemplars.add(exemplar);
                }
            }
        }
        return new ParsedExposition(samples, types, exemplars);
    }

    /** Returns true for the OpenMetrics end marker. */
    private static boolean comment(Line line, Map<String, MetricType> types) throws ParseException {
        line.next(); // '#'
        line.skipBlanks();
        String keyword = line.word();
        switch (keyword) {
            case "EOF" -> {
                line.skipBlanks();
                if (!line.atEnd()) {
                    throw line.error("unexpected text after # EOF");
                }
                return true;
            }
            case "TYPE" -> {
                line.skipBlanks();
                String family = line.metricName();
                if (family.isEmpty()) {
                    throw line.error("# TYPE without a metric name");
                }
                line.skipBlanks();
                String typeWord = line.word();
                MetricType type = MetricType.parse(typeWord);
                if (type == null) {
                    throw line.error("unknown metric type \"" + typeWord + "\"");
                }
                types.put(family, type);
            }
            case "HELP", "UNIT" -> {
                line.skipBlanks();
                if (line.metricName().isEmpty()) {
                    throw line.error("# " + keyword + " without a metric name");
                }
                // The docstring is for humans; nothing the figures need.
            }
            default -> {
                // Free-form comment: allowed by the format and ignored.
            }
        }
        return false;
    }

    private static Sample sample(Line line) throws ParseException {
        String name = line.metricName();
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        line.skipBlanks();
        if (!line.atEnd() && line.peek() == '{') {
            line.next();
            name = labelSet(line, name, labels);
            line.skipBlanks();
        }
        if (name.isEmpty()) {
            throw line.error("invalid metric name");
        }
        if (line.atEnd()) {
            throw line.error("missing value for " + name);
        }
        String valueToken = line.token();
        double value = PromFloat.tryParse(valueToken);
        if (Double.isNaN(value) && !PromFloat.isValid(valueToken)) {
            throw line.error("invalid value \"" + valueToken + "\" for " + name);
        }
        line.skipBlanks();
        Long timestamp = null;
        if (!line.atEnd() && line.peek() != '#') {
            timestamp = timestamp(line, line.token());
            line.skipBlanks();
        }
        // OpenMetrics exemplar (" # {trace_id=…} 1"): describes one observation, not the series.
        if (!line.atEnd() && line.peek() != '#') {
            throw line.error("unexpected text after the value of " + name);
        }
        return new Sample(name, Labels.adopt(labels), value, timestamp);
    }

    /** Reads up to and including '}'; returns the metric name (set by a quoted UTF-8 name inside braces). */
    private static String labelSet(Line line, String name, LinkedHashMap<String, String> labels) throws ParseException {
        while (true) {
            line.skipBlanks();
            if (line.atEnd()) {
                throw line.error("unterminated label set");
            }
            char c = line.peek();
            if (c == '}') {
                line.next();
                return name;
            }
            String labelName;
            if (c == '"') {
                labelName = line.quoted();
                line.skipBlanks();
                if (!line.atEnd() && (line.peek() == ',' || line.peek() == '}')) {
                    // {"my.metric", a="b"}: the new UTF-8 form puts a quoted metric name first.
                    if (!name.isEmpty() || !labels.isEmpty()) {
                        throw line.error("metric name given twice");
                    }
                    name = labelName;
                    if (line.peek() == ',') {
                        line.next();
                    }
                    continue;
                }
            } else {
                labelName = line.labelName();
                if (labelName.isEmpty()) {
                    throw line.error("invalid label name at column " + line.column());
                }
                line.skipBlanks();
            }
            if (line.atEnd() || line.next() != '=') {
                throw line.error("expected '=' after label " + labelName);
            }
            line.skipBlanks();
            if (line.atEnd() || line.peek() != '"') {
                throw line.error("expected '\"' to start the value of label " + labelName);
            }
            String value = line.quoted();
            if (labels.put(labelName, value) != null) {
                throw line.error("duplicate label " + labelName);
            }
            line.skipBlanks();
            if (line.atEnd()) {
                throw line.error("unterminated label set");
            }
            char sep = line.peek();
            if (sep == ',') {
                line.next();
            } else if (sep != '}') {
                throw line.error("expected ',' or '}' after label " + labelName);
            }
        }
    }

    /**
     * The OpenMetrics exemplar after a sample ({@code # {trace_id="…"} 0.42 1700000000.123}), or null
     * without one. An exemplar that does not parse is dropped, not fatal: it describes one observation,
     * and the sample it rides on is already read.
     */
    private static Exemplar exemplar(Line line, Sample sample) {
        if (line.atEnd() || line.peek() != '#') {
            return null;
        }
        try {
            line.next();
            line.skipBlanks();
            if (line.atEnd() || line.peek() != '{') {
                return null;
            }
            line.next();
            LinkedHashMap<String, String> labels = new LinkedHashMap<>();
            labelSet(line, "", labels);
            line.skipBlanks();
            double value = PromFloat.tryParse(line.token());
            line.skipBlanks();
            Long at = line.atEnd() ? null : timestamp(line, line.token());
            String traceId = labels.get("trace_id");
            return Double.isNaN(value) || traceId == null ? null : new Exemplar(sample.name(), sample.labels(), traceId, value, at);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** 0.0.4 timestamps are integer milliseconds; OpenMetrics ones are (fractional) seconds. */
    private static Long timestamp(Line line, String token) throws ParseException {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException notAnInteger) {
            double seconds = PromFloat.tryParse(token);
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw line.error("invalid timestamp \"" + token + "\"");
            }
            return Math.round(seconds * 1000.0);
        }
    }

    /** A cursor over one line; all reads stay within [pos, end). */
    private static final class Line {
        private final String text;
        private final int start;
        private final int end;
        private final int number;
        private int pos;

        Line(String text, int start, int end, int number) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.number = number;
            this.pos = start;
        }

        boolean atEnd() {
            return pos >= end;
        }

        char peek() {
            return text.charAt(pos);
        }

        char next() {
            return text.charAt(pos++);
        }

        int column() {
            return pos - start + 1;
        }

        void skipBlanks() {
            while (pos < end && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        /** Up to the next blank. */
        String token() {
            int from = pos;
            while (pos < end && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
                pos++;
            }
            return text.substring(from, pos);
        }

        String word() {
            return token();
        }

        /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; empty when the cursor is not on one. */
        String metricName() {
            int from = pos;
            while (pos < end) {
                char c = text.charAt(pos);
                boolean ok = c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                        || pos > from && c >= '0' && c <= '9';
                if (!ok) {
                    break;
                }
                pos++;
            }
            return text.substring(from, pos);
        }

        /** {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
        String labelName() {
            int from = pos;
            while (pos < end) {
                char c = text.charAt(pos);
                boolean ok = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || pos > from && c >= '0' && c <= '9';
                if (!ok) {
                    break;
                }
                pos++;
            }
            return text.substring(from, pos);
        }

        /** A double-quoted string with the format's three escapes; the cursor is on the opening quote. */
        String quoted() throws ParseException {
            pos++; // opening quote
            StringBuilder sb = null;
            int from = pos;
            while (pos < end) {
                char c = text.charAt(pos);
                if (c == '"') {
                    String s = sb == null ? text.substring(from, pos) : sb.append(text, from, pos).toString();
                    pos++;
                    return s;
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(text, from, pos);
                    if (pos + 1 >= end) {
                        throw error("unterminated escape in label value");
                    }
                    char e = text.charAt(pos + 1);
                    switch (e) {
                        case '\\' -> sb.append('\\');
                        case '"' -> sb.append('"');
                        case 'n' -> sb.append('\n');
                        default -> throw error("invalid escape \\" + e + " in label value");
                    }
                    pos += 2;
                    from = pos;
                } else {
                    pos++;
                }
            }
            throw error("unterminated quoted string");
        }

        ParseException error(String reason) {
            return new ParseException(number, reason);
        }
    }
}
