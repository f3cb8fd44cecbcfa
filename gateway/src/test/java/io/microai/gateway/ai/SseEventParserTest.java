package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

    private static List<String> parseWhole(String stream) throws Exception {
        List<String> events = new ArrayList<>();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        new SseEventParser(1024, events::add).feed(bytes, 0, bytes.length);
        return events;
    }

    private static List<String> parseByteByByte(byte[] bytes) throws Exception {
        List<String> events = new ArrayList<>();
        SseEventParser parser = new SseEventParser(1024, events::add);
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1);
        }
        return events;
    }

    @Test
    void dataLinesEndedByABlankLineAreOneEvent() throws Exception {
        assertEquals(List.of("one", "two"), parseWhole("data: one\n\ndata: two\n\n"));
    }

    @Test
    void crlfLfAndLoneCrAllEndLines() throws Exception {
        assertEquals(List.of("a", "b", "c", "d"), parseWhole("data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n"));
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws Exception {
        assertEquals(List.of("first\nsecond\n\nfourth"),
                parseWhole("data: first\r\ndata:second\r\ndata\r\ndata: fourth\r\n\r\n"));
    }

    @Test
    void commentsOtherFieldsAndEventsWithoutDataAreSkipped() throws Exception {
        assertEquals(List.of("x", "", "  spaced"),
                parseWhole(": keep-alive\n\nevent: message\nid: 7\nretry: 10\n\n:comment\ndata: x\n: mid-event\n\n"
                        + "data:\n\ndata:   spaced\n\n"));
    }

    @Test
    void anIncompleteLastEventIsNotDispatched() throws Exception {
        assertEquals(List.of("done"), parseWhole("data: done\n\ndata: half"));
        assertEquals(List.of(), parseWhole("data: no blank line\n"));
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() throws Exception {
        assertEquals(List.of("x"), parseWhole("\uFEFFdata: x\n\n"));
    }

    @Test
    void splittingTheInputAnywhereGivesTheSameEvents() throws Exception {
        String stream = "\uFEFF: hi\r\ndata: {\"a\":\"é🚀\"}\r\n\r\ndata: l1\rdata: l2\r\rdata: ü\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("{\"a\":\"é🚀\"}", "l1\nl2", "ü");
        assertEquals(expected, parseByteByByte(bytes));
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<String> events = new ArrayList<>();
            SseEventParser parser = new SseEventParser(1024, events::add);
            parser.feed(bytes, 0, cut);
            parser.feed(bytes, cut, bytes.length - cut);
            assertEquals(expected, events, "cut at " + cut);
        }
    }

    @Test
    void aLineLongerThanTheLimitIsRefused() throws Exception {
        SseEventParser parser = new SseEventParser(64, data -> true);
        byte[] line = ("data: " + "x".repeat(100)).getBytes(StandardCharsets.UTF_8);
        assertThrows(SseEventParser.TooLarge.class, () -> parser.feed(line, 0, line.length));
    }

    @Test
    void anEventWhoseLinesTogetherPassTheLimitIsRefused() throws Exception {
        SseEventParser parser = new SseEventParser(64, data -> true);
        byte[] lines = ("data: " + "x".repeat(20) + "\n").repeat(4).getBytes(StandardCharsets.UTF_8);
        assertThrows(SseEventParser.TooLarge.class, () -> parser.feed(lines, 0, lines.length));
    }

    @Test
    void eventsUpToTheLimitPassAndTheLimitResetsPerEvent() throws Exception {
        List<String> events = new ArrayList<>();
        SseEventParser parser = new SseEventParser(64, events::add);
        byte[] event = ("data: " + "x".repeat(50) + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10; i++) {
            assertTrue(parser.feed(event, 0, event.length));
        }
        assertEquals(10, events.size());
    }

    @Test
    void aListenerThatSaysStopEndsParsingAtOnce() throws Exception {
        List<String> events = new ArrayList<>();
        SseEventParser parser = new SseEventParser(1024, data -> {
            events.add(data);
            return false;
        });
        byte[] bytes = "data: 1\n\ndata: 2\n\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(parser.feed(bytes, 0, bytes.length));
        assertFalse(parser.feed(bytes, 0, bytes.length));
        assertEquals(List.of("1"), events);
    }
}
