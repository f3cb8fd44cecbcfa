package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {
    private static final String STREAM = "event: chunk\ndata: {\"text\":\"Zwölf \"}\n\n"
            + ": a comment the client skips\n"
            + "event: chunk\ndata: {\"text\":\"Boxkämpfer 🥊\"}\nid: 7\nretry: 100\n\n"
            + "event: done\ndata: {\"result\":\"Zwölf Boxkämpfer 🥊\",\n"
            + "data: \"receipt\":{}}\n\n";
    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("chunk", "{\"text\":\"Zwölf \"}"),
            new SseEvent("chunk", "{\"text\":\"Boxkämpfer 🥊\"}"),
            new SseEvent("done", "{\"result\":\"Zwölf Boxkämpfer 🥊\",\n\"receipt\":{}}"));

    private static List<SseEvent> parse(byte[]... pieces) throws SseException {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        for (byte[] piece : pieces) {
            parser.feed(piece);
        }
        return events;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameEventsComeOutWhereverTheBytesAreCutInTwo() throws SseException {
        byte[] all = utf8(STREAM);
        for (int cut = 0; cut <= all.length; cut++) {
            assertEquals(EXPECTED, parse(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length)), "cut at " + cut);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r", "\n"})
    void everyLineEndingEndsALineEvenOneByteAtATime(String ending) throws SseException {
        byte[] all = utf8(STREAM.replace("\n", ending));
        byte[][] bytes = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            bytes[i] = new byte[] {all[i]};
        }
        assertEquals(EXPECTED, parse(bytes));
    }

    @Test
    void aCrlfSplitBetweenTwoReadsIsOneLineEndNotAnEmptyLine() throws SseException {
        List<SseEvent> events = parse(utf8("data: a\r"), utf8("\ndata: b\r"), utf8("\n\r\n"));
        assertEquals(List.of(new SseEvent("message", "a\nb")), events, "the data lines are joined, no event ended early");
    }

    @Test
    void eachEventIsDispatchedAsSoonAsItsBlankLineArrives() throws SseException {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(utf8("event: chunk\ndata: {\"text\":\"first\"}\n"));
        assertTrue(events.isEmpty(), "no blank line yet");
        assertTrue(parser.midEvent());
        parser.feed(utf8("\nevent: chunk\ndata: {\"te"));
        assertEquals(List.of(new SseEvent("chunk", "{\"text\":\"first\"}")), events);
        assertTrue(parser.midEvent());
    }

    @Test
    void commentsFieldsWithoutAColonAndBlankLinesWithoutDataDispatchNothing() throws SseException {
        List<SseEvent> events = parse(utf8(":keep-alive\n\n: another\n\nevent: chunk\n\nretry: 5\nid: 3\nweird\n\ndata\n\n"));
        assertEquals(List.of(new SseEvent("message", "")), events, "only the bare 'data' line made an event, with empty data");
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDroppedAndAnEventWithoutANameIsAMessage() throws SseException {
        assertEquals(List.of(new SseEvent("message", "  two spaces kept"), new SseEvent("x", "no:space")),
                parse(utf8("data:   two spaces kept\n\nevent:x\ndata:no:space\n\n")));
    }

    @Test
    void aLeadingByteOrderMarkIsDroppedEvenWhenSplit() throws SseException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertEquals(List.of(new SseEvent("done", "x")),
                parse(Arrays.copyOfRange(bom, 0, 1), Arrays.copyOfRange(bom, 1, 3), utf8("event: done\ndata: x\n\n")));
    }

    @Test
    void aLineLongerThanItsLimitIsAnErrorBeforeItIsBuffered() throws SseException {
        SseParser parser = new SseParser(16, 1024, event -> { });
        parser.feed(utf8("data: 0123456789\n")); // exactly 16 bytes before the line end
        SseException e = assertThrows(SseException.class, () -> parser.feed(utf8("data: 0123456789A")));
        assertTrue(e.getMessage().contains("longer than 16 bytes"), e.getMessage());
    }

    @Test
    void anEventLongerThanItsLimitIsAnErrorEvenWhenEachLineFits() throws SseException {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(64, 40, events::add);
        parser.feed(utf8("data: 0123456789\ndata: 0123456789\n\n")); // 17 + 17 bytes with their line ends
        assertEquals(1, events.size());
        SseException e = assertThrows(SseException.class,
                () -> parser.feed(utf8("data: 0123456789\ndata: 0123456789\ndata: 0123456789\n")));
        assertTrue(e.getMessage().contains("an event of the event stream is longer than 40 bytes"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNotReplaced() {
        SseException e = assertThrows(SseException.class, () -> parse(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xC3, '\n'}));
        assertTrue(e.getMessage().contains("line 1 of the event stream is not UTF-8"), e.getMessage());
    }

    @Test
    void aListenerThatRefusesAnEventStopsTheParse() {
        SseParser parser = new SseParser(event -> {
            throw new SseException("refused " + event.name());
        });
        SseException e = assertThrows(SseException.class, () -> parser.feed(utf8("event: chunk\ndata: {}\n\n")));
        assertEquals("refused chunk", e.getMessage());
    }

    @Test
    void aStreamThatEndsBetweenEventsIsNotMidEvent() throws SseException {
        SseParser parser = new SseParser(event -> { });
        parser.feed(utf8("event: chunk\ndata: {}\n\n"));
        assertFalse(parser.midEvent());
    }
}
