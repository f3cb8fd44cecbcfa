package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
}
