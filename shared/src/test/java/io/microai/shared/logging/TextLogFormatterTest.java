package io.microai.shared.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class TextLogFormatterTest {
    private final SimpleFormatter reference = new SimpleFormatter();
    private final TextLogFormatter formatter = new TextLogFormatter();

    @Test
    void testsRunWithTheDefaultFormatTheFormatterReproduces() {
        assertTrue(TextLogFormatter.reproducesDefault());
    }

    @Test
    void linesAreSimpleFormattersDefaultLinesAcrossSecondsAndHalfDays() {
        long start = Instant.parse("2026-03-01T11:59:58.250Z").getEpochSecond();
        for (long s = 0; s < 5; s++) {
            for (long millis : new long[] {0, 1, 499, 999}) {
                LogRecord record = new StructuredRecord(Level.INFO, "[cid=a] gateway: GET /healthz 200 0.4ms", Map.of());
                record.setLoggerName("access");
                record.setSourceClassName(AccessLog.class.getName());
                record.setSourceMethodName("log");
                record.setInstant(Instant.ofEpochSecond(start + s, millis * 1_000_000));
                assertEquals(reference.format(record), formatter.format(record));
            }
        }
    }

    @Test
    void sourceFallsBackToTheClassAloneAndThenToTheLoggerName() {
        LogRecord classOnly = new LogRecord(Level.WARNING, "w");
        classOnly.setLoggerName("x.y");
        classOnly.setSourceClassName("x.y.Z");
        assertEquals(reference.format(classOnly), formatter.format(classOnly));
        LogRecord bare = new LogRecord(Level.SEVERE, "s");
        bare.setLoggerName("x.y");
        bare.setSourceClassName(null);
        bare.setSourceMethodName(null);
        assertEquals(reference.format(bare), formatter.format(bare));
    }

    @Test
    void parametersAndThrowablesComeOutAsSimpleFormatterWritesThem() {
        LogRecord withParameters = new LogRecord(Level.FINE, "took {0} ms for {1}");
        withParameters.setParameters(new Object[] {42, "route"});
        withParameters.setSourceClassName("a.B");
        withParameters.setSourceMethodName("m");
        assertEquals(reference.format(withParameters), formatter.format(withParameters));
        LogRecord thrown = new LogRecord(Level.SEVERE, "failed");
        thrown.setThrown(new IllegalStateException("boom"));
        thrown.setSourceClassName("a.B");
        thrown.setSourceMethodName("m");
        assertEquals(reference.format(thrown), formatter.format(thrown));
    }
}
