package io.microai.shared.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AsyncLogHandlerTest {

    /** Collects what reaches the console in its place, and can hold the writer up to fill the queue. */
    private static final class Recording extends Handler {
        final List<LogRecord> written = Collections.synchronizedList(new ArrayList<>());
        final List<String> writerThreads = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile boolean closed;

        @Override
        public void publish(LogRecord record) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writerThreads.add(Thread.currentThread().getName());
            written.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void everyRecordFromManyThreadsIsWrittenInEachThreadsOrderByTheWriterThreadAndCloseWaitsForThemAll() throws Exception {
        Recording console = new Recording();
        AsyncLogHandler handler = new AsyncLogHandler(console, 16);
        int threads = 8;
        int perThread = 500;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    handler.publish(new LogRecord(Level.INFO, id + ":" + i));
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        handler.close();

        assertEquals(threads * perThread, console.written.size(), "a queue 16 deep never loses a line: producers wait");
        int[] next = new int[threads];
        for (LogRecord record : console.written) {
            String[] parts = record.getMessage().split(":");
            int id = Integer.parseInt(parts[0]);
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "thread " + id + "'s lines keep their order");
        }
        assertTrue(console.writerThreads.stream().allMatch("log-writer"::equals), "only the writer thread writes");
        assertTrue(console.closed, "closing closes the console behind it");
    }

    @Test
    void aRecordKeepsTheSourceOfTheThreadThatLoggedItNotTheWriters() {
        Recording console = new Recording();
        AsyncLogHandler handler = new AsyncLogHandler(console, 4);
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        logger.info("from the test");
        handler.close();
        assertEquals(AsyncLogHandlerTest.class.getName(), console.written.get(0).getSourceClassName());
        assertEquals("aRecordKeepsTheSourceOfTheThreadThatLoggedItNotTheWriters", console.written.get(0).getSourceMethodName());
    }

    @Test
    void recordsBelowTheConsolesLevelAreDroppedAndAfterCloseRecordsAreWrittenInPlace() {
        Recording console = new Recording();
        console.setLevel(Level.WARNING);
        AsyncLogHandler handler = new AsyncLogHandler(console, 4);
        handler.publish(new LogRecord(Level.INFO, "too fine"));
        handler.publish(new LogRecord(Level.WARNING, "kept"));
        handler.close();
        handler.publish(new LogRecord(Level.SEVERE, "after close"));
        assertEquals(List.of("kept", "after close"), console.written.stream().map(LogRecord::getMessage).toList());
        assertFalse(console.writerThreads.get(1).equals("log-writer"), "after close the caller writes its own line");
    }

    @Test
    void aFullQueueMakesTheCallerWaitUntilTheWriterCatchesUp() throws Exception {
        Recording console = new Recording();
        console.hold = new CountDownLatch(1);
        AsyncLogHandler handler = new AsyncLogHandler(console, 2);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                handler.publish(new LogRecord(Level.INFO, "line " + i));
            }
        });
        producer.start();
        // The writer holds one record and the queue two: the producer cannot finish until the console moves.
        while (producer.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertTrue(producer.isAlive());
        console.hold.countDown();
        producer.join();
        handler.close();
        assertEquals(10, console.written.size());
    }
}
