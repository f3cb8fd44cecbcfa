package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void splitsOnTerminalPunctuation() {
        assertEquals(List.of("One.", "Two!", "Three?", "Four"), SentenceSplitter.split("One. Two! Three? Four"));
    }

    @Test
    void keepsAbbreviationsInitialsAndDecimalsTogether() {
        String text = "Mr. Smith paid 3.50 USDC, e.g. for a summary. J. R. Tolkien wrote it. Done.";
        assertEquals(List.of("Mr. Smith paid 3.50 USDC, e.g. for a summary.", "J. R. Tolkien wrote it.", "Done."),
                SentenceSplitter.split(text));
    }

    @Test
    void handlesEllipsesQuotesAndParagraphs() {
        String text = "Wait... \"Really?!\" she asked.\n\nNew paragraph without a dot\nstill same";
        assertEquals(List.of("Wait...", "\"Really?!\" she asked.", "New paragraph without a dot still same"),
                SentenceSplitter.split(text));
    }

    @Test
    void splitsCjkWithoutSpaces() {
        assertEquals(List.of("今天天气很好。", "我们去公园吧！", "好吗？"), SentenceSplitter.split("今天天气很好。我们去公园吧！好吗？"));
    }

    @Test
    void collapsesWhitespaceAndDropsBlanks() {
        assertEquals(List.of("a b c."), SentenceSplitter.split("  a \t b\n c.   "));
        assertEquals(List.of(), SentenceSplitter.split("   \n\n  "));
    }
}
