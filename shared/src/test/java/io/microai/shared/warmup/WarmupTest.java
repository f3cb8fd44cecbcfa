package io.microai.shared.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WarmupTest {
    private final Logger logger = Logger.getLogger(Warmup.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        logger.removeHandler(capture);
    }

    private List<LogRecord> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    private static WarmupTask counting(String name, AtomicInteger calls) {
        return new WarmupTask(name, calls::incrementAndGet);
    }

    @Test
    void everyTaskRunsOncePerRoundAndTheRoundLimitStopsIt() {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Warmup.Result result = Warmup.rounds(250).run(List.of(counting("a", a), counting("b", b)));
        assertEquals(250, result.rounds());
        assertEquals(250, a.get());
        assertEquals(250, b.get());
        assertEquals(List.of(), result.failed());
        assertEquals(List.of(), warnings());
    }

    @Test
    void theRoundLimitAppliesUnderAGenerousTimeBudget() {
        AtomicInteger calls = new AtomicInteger();
        Warmup.Result result = Warmup.of(Duration.ofHours(1), 40).run(List.of(counting("a", calls)));
        assertEquals(40, result.rounds());
        assertEquals(40, calls.get());
    }

    @Test
    void aSpentTimeBudgetRunsNoRound() {
        AtomicInteger calls = new AtomicInteger();
        Warmup.Result result = Warmup.of(Duration.ZERO, 1_000).run(List.of(counting("a", calls)));
        assertEquals(0, result.rounds());
        assertEquals(0, calls.get());
    }

    @Test
    void aFailingTaskIsLoggedOnceAndDroppedWhileTheOthersRunEveryRound() {
        AtomicInteger good = new AtomicInteger();
        AtomicInteger badCalls = new AtomicInteger();
        WarmupTask bad = new WarmupTask("bad", () -> {
            badCalls.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        Warmup.Result result = Warmup.rounds(100).run(List.of(bad, counting("good", good)));
        assertEquals(100, result.rounds());
        assertEquals(100, good.get());
        assertEquals(1, badCalls.get(), "a failed task leaves the rotation");
        assertEquals(List.of("bad"), result.failed());
        assertEquals(1, warnings().size(), "one warning for the failure, not one per round: " + warnings());
        assertTrue(warnings().get(0).getMessage().contains("bad"));
        assertEquals("boom", warnings().get(0).getThrown().getMessage());
    }

    @Test
    void whenEveryTaskFailsTheWarmupEndsEarlyInsteadOfSpinning() {
        WarmupTask bad = new WarmupTask("bad", () -> {
            throw new Exception("checked");
        });
        Warmup.Result result = Warmup.rounds(1_000_000).run(List.of(bad));
        assertEquals(1, result.rounds());
        assertEquals(List.of("bad"), result.failed());
    }

    @Test
    void offNeverPreparesTheTasks() {
        AtomicInteger prepared = new AtomicInteger();
        Warmup.Result result = Warmup.off().run(() -> {
            prepared.incrementAndGet();
            return List.of();
        });
        assertEquals(0, prepared.get());
        assertEquals(0, result.rounds());
        assertFalse(Warmup.off().enabled());
    }

    @Test
    void tasksThatCannotBePreparedAreLoggedOnceAndNothingRuns() {
        Warmup.Result result = Warmup.rounds(10).run(() -> {
            throw new IllegalArgumentException("no key");
        });
        assertEquals(0, result.rounds());
        assertEquals(List.of(Warmup.PREPARE), result.failed());
        assertEquals(1, warnings().size());
    }

    @Test
    void theEnvironmentTurnsItOffOrSetsTheBudget() {
        Warmup defaults = Warmup.fromEnv(new Env(Map.of()));
        assertTrue(defaults.enabled());
        assertEquals(Duration.ofMillis(Warmup.DEFAULT_MILLIS), defaults.budget());
        assertEquals(Warmup.DEFAULT_MAX_ROUNDS, defaults.maxRounds());
        assertFalse(Warmup.fromEnv(new Env(Map.of("WARMUP", "false"))).enabled());
        assertFalse(Warmup.fromEnv(new Env(Map.of("WARMUP_MILLIS", "0"))).enabled());
        assertEquals(Duration.ofMillis(300), Warmup.fromEnv(new Env(Map.of("WARMUP_MILLIS", "300"))).budget());
        assertFalse(Warmup.fromEnv(new Env(Map.of("WARMUP", "off", "WARMUP_MILLIS", "300"))).enabled());
    }

    @Test
    void badSettingsAreRefusedNamingTheVariable() {
        ConfigException millis = assertThrows(ConfigException.class, () -> Warmup.fromEnv(new Env(Map.of("WARMUP_MILLIS", "-1"))));
        assertTrue(millis.getMessage().contains("WARMUP_MILLIS"), millis.getMessage());
        ConfigException toggle = assertThrows(ConfigException.class, () -> Warmup.fromEnv(new Env(Map.of("WARMUP", "maybe"))));
        assertTrue(toggle.getMessage().contains("WARMUP"), toggle.getMessage());
    }
}
