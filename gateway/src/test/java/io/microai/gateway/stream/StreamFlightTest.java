package io.microai.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.ai.AiProviderException;
import org.junit.jupiter.api.Test;

/** One provider call's chunks and its readers, without HTTP. */
class StreamFlightTest {
    private static final long LATER = Long.MAX_VALUE / 2;

    private static String text(FeedStep step) {
        return assertInstanceOf(FeedStep.Chunk.class, step).text();
    }

    @Test
    void aReaderThatJoinsLateReplaysEveryChunkFromTheFirstThenSeesTheEnd() {
        StreamFlight flight = new StreamFlight(1024);
        assertTrue(flight.join());
        ChunkFeed early = flight.reader();
        assertTrue(flight.accept("one "));
        assertTrue(flight.accept("two"));
        assertEquals("one ", text(early.next(LATER)));
        assertTrue(flight.join());
        ChunkFeed late = flight.reader();
        assertEquals("one two", flight.complete());
        assertEquals("one ", text(late.next(LATER)));
        assertEquals("two", text(late.next(LATER)));
        assertInstanceOf(FeedStep.End.class, late.next(LATER));
        assertEquals("two", text(early.next(LATER)));
        assertInstanceOf(FeedStep.End.class, early.next(LATER));
    }

    @Test
    void whenTheLastReaderLeavesTheProviderIsToldToStopAndTheFlightIsNeitherJoinedNorCompleted() {
        StreamFlight flight = new StreamFlight(1024);
        flight.join();
        flight.join();
        ChunkFeed a = flight.reader();
        ChunkFeed b = flight.reader();
        assertTrue(flight.accept("kept"));
        a.close();
        assertTrue(flight.accept("still read by b"), "one reader is left");
        b.close();
        b.close();
        assertFalse(flight.accept("nobody reads this"));
        assertTrue(flight.abandoned());
        assertFalse(flight.join(), "a stopped call is never joined: the next request starts its own");
        assertNull(flight.complete(), "a stopped call has no whole text to cache");
    }

    @Test
    void aSummaryBeyondTheOutputCapStopsTheProviderAndFailsEveryReader() {
        StreamFlight flight = new StreamFlight(8);
        flight.join();
        ChunkFeed reader = flight.reader();
        assertTrue(flight.accept("12345"));
        assertFalse(flight.accept("6789"), "8 bytes at most");
        assertEquals("12345", text(reader.next(LATER)));
        FeedStep.Failed failed = assertInstanceOf(FeedStep.Failed.class, reader.next(LATER));
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, failed.failure().kind());
        assertFalse(flight.join(), "a failed call is never joined");
        assertNull(flight.complete());
    }

    @Test
    void aStoppedReaderGetsStoppedAndANothingYetReaderPastItsDeadlineGetsIdle() {
        StreamFlight flight = new StreamFlight(1024);
        flight.join();
        flight.join();
        ChunkFeed waiting = flight.reader();
        ChunkFeed leaving = flight.reader();
        assertInstanceOf(FeedStep.Idle.class, waiting.next(System.nanoTime() - 1));
        leaving.stop();
        assertTrue(leaving.stopped());
        assertInstanceOf(FeedStep.Stopped.class, leaving.next(LATER));
        assertTrue(flight.accept("the other reader is still there"));
    }
}
