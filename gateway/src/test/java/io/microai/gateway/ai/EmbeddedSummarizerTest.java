package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedSummarizerTest {

    private static final String ON_TOPIC_1 = "The city council approved a new budget for public transit on Monday.";
    private static final String OFF_TOPIC_1 = "My cousin enjoys painting watercolor landscapes on quiet weekends.";
    private static final String ON_TOPIC_2 = "The transit budget funds new buses and longer train service across the city.";
    private static final String OFF_TOPIC_2 = "Bananas are rich in potassium and taste sweet.";
    private static final String ON_TOPIC_3 = "Council members said the budget makes public transit in the city more reliable.";

    private static final String ARTICLE = String.join(" ",
            ON_TOPIC_1, OFF_TOPIC_1, ON_TOPIC_2, OFF_TOPIC_2, ON_TOPIC_3);

    private final EmbeddedSummarizer summarizer = new EmbeddedSummarizer();

    @Test
    void picksRepresentativeSentencesInOriginalOrder() throws Exception {
        String summary = summarizer.summarize(ARTICLE, null);
        List<String> picked = SentenceSplitter.split(summary);
        assertEquals(2, picked.size(), summary);
        assertTrue(List.of(ON_TOPIC_1, ON_TOPIC_2, ON_TOPIC_3).containsAll(picked), summary);
        assertFalse(summary.contains("watercolor") || summary.contains("Bananas"), summary);
        assertTrue(ARTICLE.indexOf(picked.get(0)) < ARTICLE.indexOf(picked.get(1)), "original order kept");
    }

    @Test
    void isDeterministic() throws Exception {
        String first = summarizer.summarize(ARTICLE, "a");
        for (int i = 0; i < 20; i++) {
            assertEquals(first, new EmbeddedSummarizer().summarize(ARTICLE, "b" + i));
        }
    }

    @Test
    void shortInputIsReturnedTrimmedAndCollapsed() throws Exception {
        assertEquals("Hello world. Second one.", summarizer.summarize("  Hello \n world.   Second\tone.  ", null));
        assertEquals("just a fragment", summarizer.summarize("just a fragment", null));
        assertEquals("", summarizer.summarize("   ", null));
        assertEquals("", summarizer.summarize(null, null));
    }

    @Test
    void sentenceCountIsConfigurable() throws Exception {
        String one = new EmbeddedSummarizer(1, 1_000, Duration.ZERO).summarize(ARTICLE, null);
        assertEquals(1, SentenceSplitter.split(one).size());
        assertTrue(one.contains("budget"), one);
    }

    @Test
    void handlesCjkAndOtherUnicode() throws Exception {
        String chinese = "人工智能网关按请求收费。今天的天气很好。人工智能网关使用签名支付。香蕉很好吃。网关验证支付后调用人工智能。";
        String summary = summarizer.summarize(chinese, null);
        List<String> picked = SentenceSplitter.split(summary);
        assertEquals(2, picked.size(), summary);
        assertFalse(summary.contains("香蕉") || summary.contains("天气"), summary);
        assertFalse(summary.contains(" "), "CJK sentences are joined without spaces: " + summary);

        String mixed = "Ünïcödé façade naïveté. Emoji 🚀 rockets fly. Café crème brûlée.";
        assertEquals(mixed, new EmbeddedSummarizer(3, 1_000, Duration.ZERO).summarize(mixed, null));
        assertEquals(2, SentenceSplitter.split(summarizer.summarize(mixed, null)).size());
    }

    @Test
    void capsOutputLengthWithoutSplittingSurrogates() throws Exception {
        String longSentence = "🚀".repeat(100) + ".";
        String summary = new EmbeddedSummarizer(2, 31, Duration.ZERO).summarize(longSentence, null);
        assertTrue(summary.length() <= 31, summary);
        assertTrue(summary.endsWith("…"));
        String body = summary.substring(0, summary.length() - 1);
        assertEquals(0, body.length() % 2, "no half surrogate pair left");
    }

    @Test
    void longInputStaysFast() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            sb.append("Sentence number ").append(i).append(" talks about topic").append(i % 50).append(" and payments. ");
        }
        long start = System.nanoTime();
        String summary = summarizer.summarize(sb.toString(), null);
        assertEquals(2, SentenceSplitter.split(summary).size());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "linear-ish scoring");
    }

    @Test
    void metadataAndValidation() {
        assertEquals("embedded-extractive-v1", summarizer.model());
        assertEquals("embedded", summarizer.name());
        assertTrue(summarizer.checkReady(Duration.ofSeconds(1)).ready());
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedSummarizer(0, 100, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddedSummarizer(2, 100, Duration.ofMillis(-1)));
    }

    @Test
    void interruptDuringSimulatedLatencyIsReported() {
        EmbeddedSummarizer slow = new EmbeddedSummarizer(2, 100, Duration.ofMinutes(1));
        Thread.currentThread().interrupt();
        AiProviderException e = assertThrows(AiProviderException.class, () -> slow.summarize("x", null));
        assertEquals(AiProviderException.Kind.UNAVAILABLE, e.kind());
        assertTrue(Thread.interrupted(), "interrupt flag restored (and cleared here)");
    }

    private static List<String> streamed(EmbeddedSummarizer s, String text) throws AiProviderException {
        List<String> chunks = new ArrayList<>();
        s.stream(text, null, chunks::add);
        return chunks;
    }

    @Test
    void streamSendsEachChosenSentenceWithItsSeparatorAndConcatenatesToTheSummary() throws Exception {
        List<String> chunks = streamed(summarizer, ARTICLE);
        assertEquals(2, chunks.size(), chunks.toString());
        List<String> picked = SentenceSplitter.split(summarizer.summarize(ARTICLE, null));
        assertEquals(List.of(picked.get(0), " " + picked.get(1)), chunks);
        assertEquals(summarizer.summarize(ARTICLE, null), String.join("", chunks));
    }

    @Test
    void streamOfShortTextIsItsSentencesAndEqualsTheCollapsedText() throws Exception {
        String text = "  Hello \n world.   Second\tone.  ";
        EmbeddedSummarizer three = new EmbeddedSummarizer(3, 1_000, Duration.ZERO);
        assertEquals(List.of("Hello world.", " Second one."), streamed(three, text));
        assertEquals(three.summarize(text, null), String.join("", streamed(three, text)));
        assertEquals(List.of(), streamed(summarizer, "   "));
        assertEquals(List.of(), streamed(summarizer, null));
    }

    @Test
    void streamOfCjkJoinsWithoutSpacesLikeSummarize() throws Exception {
        String chinese = "人工智能网关按请求收费。今天的天气很好。人工智能网关使用签名支付。香蕉很好吃。网关验证支付后调用人工智能。";
        List<String> chunks = streamed(summarizer, chinese);
        assertEquals(2, chunks.size(), chunks.toString());
        assertFalse(chunks.get(1).startsWith(" "), chunks.toString());
        assertEquals(summarizer.summarize(chinese, null), String.join("", chunks));
    }

    @Test
    void streamKeepsTheLengthCapAndTheCutSentenceEndsWithAnEllipsis() throws Exception {
        String text = String.join(" ", ON_TOPIC_1, ON_TOPIC_2, ON_TOPIC_3);
        for (int cap = 16; cap <= text.length() + 1; cap++) {
            EmbeddedSummarizer capped = new EmbeddedSummarizer(3, cap, Duration.ZERO);
            List<String> chunks = streamed(capped, text);
            String summary = capped.summarize(text, null);
            assertEquals(summary, String.join("", chunks), "cap " + cap);
            assertTrue(chunks.stream().noneMatch(String::isEmpty), "cap " + cap);
            for (int i = 0; i < chunks.size() - 1; i++) {
                assertFalse(chunks.get(i).endsWith("…"), "only the last chunk is cut, cap " + cap);
            }
            int kept = summary.length() < text.length() ? summary.length() - 1 : summary.length();
            long sentencesStarted = 1 + (ON_TOPIC_1.length() < kept ? 1 : 0)
                    + (ON_TOPIC_1.length() + 1 + ON_TOPIC_2.length() < kept ? 1 : 0);
            assertEquals(sentencesStarted, chunks.size(), "one chunk per sentence the cap leaves, cap " + cap);
        }
        List<String> cut = streamed(new EmbeddedSummarizer(3, 100, Duration.ZERO), text);
        assertEquals(2, cut.size(), cut.toString());
        assertEquals(ON_TOPIC_1, cut.get(0));
        assertTrue(cut.get(1).startsWith(" The transit budget") && cut.get(1).endsWith("…"), cut.toString());
    }

    @Test
    void aSinkThatSaysStopGetsOneChunkAndNoFurtherLatency() throws Exception {
        EmbeddedSummarizer slow = new EmbeddedSummarizer(2, 1_000, Duration.ofMillis(1));
        List<String> chunks = new ArrayList<>();
        // An interrupt set in the sink would make any later sleep fail, so a normal return proves none happened.
        slow.stream(ARTICLE, null, chunk -> {
            chunks.add(chunk);
            Thread.currentThread().interrupt();
            return false;
        });
        assertTrue(Thread.interrupted());
        assertEquals(1, chunks.size());
    }

    @Test
    void latencyIsWaitedBeforeEachChunkAndAnInterruptIsUnavailable() {
        EmbeddedSummarizer slow = new EmbeddedSummarizer(2, 1_000, Duration.ofMillis(1));
        List<String> chunks = new ArrayList<>();
        AiProviderException e = assertThrows(AiProviderException.class, () -> slow.stream(ARTICLE, null, chunk -> {
            chunks.add(chunk);
            Thread.currentThread().interrupt();
            return true;
        }));
        assertTrue(Thread.interrupted(), "interrupt flag restored (and cleared here)");
        assertEquals(AiProviderException.Kind.UNAVAILABLE, e.kind());
        assertEquals(1, chunks.size(), "the second chunk waits for its own latency");

        Thread.currentThread().interrupt();
        assertThrows(AiProviderException.class, () -> slow.stream(ARTICLE, null, chunks::add));
        assertTrue(Thread.interrupted());
        assertEquals(1, chunks.size(), "the first chunk waits too");
    }
}
