package io.microai.gateway.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Default provider: a deterministic extractive summariser that needs no network, no key and no model file.
 *
 * <p>Each sentence becomes a TF-ISF vector (term frequency times inverse sentence frequency); its score is
 * the cosine similarity to the sum of all <em>other</em> sentences, i.e. how well it represents the rest
 * of the text. Leaving the sentence out of its own centroid stops a long, off-topic sentence from scoring
 * well just by matching itself. The best {@code maxSentences} are returned in their original order so the
 * summary still reads naturally.
 *
 * <p>{@link #stream} hands the same summary on one sentence at a time, each with the separator that
 * precedes it, and waits the simulated latency before every sentence, so a demo shows text arriving.
 */
public final class EmbeddedSummarizer implements AiProvider {

    public static final String MODEL = "embedded-extractive-v1";
    public static final int DEFAULT_MAX_SENTENCES = 2;
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 1_000;

    // Sentences with fewer content terms than this are scaled down: fragments such as "Yes." can have a
    // high cosine by accident but make poor summaries.
    private static final int FULL_WEIGHT_TERMS = 5;

    private final int maxSentences;
    private final int maxOutputChars;
    private final Duration simulatedLatency;

    public EmbeddedSummarizer() {
        this(DEFAULT_MAX_SENTENCES, DEFAULT_MAX_OUTPUT_CHARS, Duration.ZERO);
    }

    /**
     * @param maxSentences     how many sentences the summary keeps (at least 1)
     * @param maxOutputChars   hard cap on the summary length in chars (at least 16); longer output is cut with "…"
     * @param simulatedLatency artificial delay per call, or per sentence when streaming, for demos and benchmarks
     *                         that need a realistic upstream
     */
    public EmbeddedSummarizer(int maxSentences, int maxOutputChars, Duration simulatedLatency) {
        if (maxSentences < 1) {
            throw new IllegalArgumentException("maxSentences must be >= 1, got " + maxSentences);
        }
        if (maxOutputChars < 16) {
            throw new IllegalArgumentException("maxOutputChars must be >= 16, got " + maxOutputChars);
        }
        Objects.requireNonNull(simulatedLatency, "simulatedLatency");
        if (simulatedLatency.isNegative()) {
            throw new IllegalArgumentException("simulatedLatency must not be negative");
        }
        this.maxSentences = maxSentences;
        this.maxOutputChars = maxOutputChars;
        this.simulatedLatency = simulatedLatency;
    }

    @Override
    public String summarize(String text, String correlationId) throws AiProviderException {
        simulateLatency();
        return cap(String.join("", pieces(text)));
    }

    /** Sends the pieces of {@link #summarize}'s answer; the sentence the length cap cuts ends with "…". */
    @Override
    public void stream(String text, String correlationId, ChunkSink sink) throws AiProviderException {
        List<String> pieces = pieces(text);
        String uncut = String.join("", pieces);
        String summary = cap(uncut);
        // Up to keep, the capped summary equals the uncut one; the piece reaching keep ends the summary.
        int keep = summary.length() < uncut.length() ? summary.length() - 1 : summary.length();
        int from = 0;
        int uncutEnd = 0;
        for (String piece : pieces) {
            uncutEnd += piece.length();
            int to = uncutEnd >= keep ? summary.length() : uncutEnd;
            if (to > from) {
                simulateLatency();
                if (!sink.accept(summary.substring(from, to))) {
                    return;
                }
                from = to;
            }
            if (to == summary.length()) {
                return;
            }
        }
    }

    /**
     * The uncapped summary in pieces, one per sentence, each but the first starting with its separator.
     * Their concatenation is the summary before the length cap.
     */
    private List<String> pieces(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> sentences = SentenceSplitter.split(text);
        if (sentences.size() <= maxSentences) {
            return piecesOf(SentenceSplitter.collapseWhitespace(text), sentences);
        }
        int[] chosen = pickRepresentative(sentences);
        List<String> pieces = new ArrayList<>(chosen.length);
        String previous = null;
        for (int idx : chosen) {
            String sentence = sentences.get(idx);
            boolean spaced = previous != null && !SentenceSplitter.endsWithCjkTerminator(previous);
            pieces.add(spaced ? " " + sentence : sentence);
            previous = sentence;
        }
        return pieces;
    }

    /**
     * Cuts a whole short text, already collapsed, after each of its sentences. Each sentence is collapsed
     * the same way, so it occurs in the text in order; should one not be found the rest stays one piece.
     */
    private static List<String> piecesOf(String collapsed, List<String> sentences) {
        List<String> pieces = new ArrayList<>(sentences.size());
        int from = 0;
        for (String sentence : sentences) {
            int at = collapsed.indexOf(sentence, from);
            if (at < 0) {
                break;
            }
            int end = at + sentence.length();
            pieces.add(collapsed.substring(from, end));
            from = end;
        }
        if (from < collapsed.length()) {
            pieces.add(collapsed.substring(from));
        }
        return pieces;
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Readiness checkReady(Duration timeout) {
        return Readiness.ok();
    }

    /** Indices of the best sentences, ascending. Ties go to the earlier sentence so output is deterministic. */
    private int[] pickRepresentative(List<String> sentences) {
        int n = sentences.size();
        List<Map<String, Double>> tf = new ArrayList<>(n);
        Map<String, Integer> sentenceFrequency = new HashMap<>();
        int[] termCounts = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> terms = TermExtractor.terms(sentences.get(i));
            termCounts[i] = terms.size();
            Map<String, Double> counts = new HashMap<>();
            for (String t : terms) {
                counts.merge(t, 1.0, Double::sum);
            }
            counts.keySet().forEach(t -> sentenceFrequency.merge(t, 1, Integer::sum));
            tf.add(counts);
        }
        List<Map<String, Double>> vectors = new ArrayList<>(n);
        Map<String, Double> total = new HashMap<>();
        for (Map<String, Double> counts : tf) {
            Map<String, Double> v = new HashMap<>();
            counts.forEach((t, c) -> v.put(t, c * Math.log(1.0 + (double) n / sentenceFrequency.get(t))));
            v.forEach((t, w) -> total.merge(t, w, Double::sum));
            vectors.add(v);
        }
        double totalNormSquared = 0;
        for (double w : total.values()) {
            totalNormSquared += w * w;
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double lengthFactor = Math.sqrt(Math.min(1.0, termCounts[i] / (double) FULL_WEIGHT_TERMS));
            scores[i] = cosineToRest(vectors.get(i), total, totalNormSquared) * lengthFactor;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] chosen = new int[maxSentences];
        for (int i = 0; i < maxSentences; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * Cosine between {@code v} and {@code total - v}. Expands |total - v|^2 algebraically so each sentence
     * costs O(its own terms) rather than O(vocabulary), keeping long inputs linear.
     */
    private static double cosineToRest(Map<String, Double> v, Map<String, Double> total, double totalNormSquared) {
        double dot = 0;
        double normV = 0;
        double restNormSquared = totalNormSquared;
        for (Map.Entry<String, Double> e : v.entrySet()) {
            double w = e.getValue();
            double all = total.get(e.getKey());
            double rest = all - w;
            dot += w * rest;
            normV += w * w;
            restNormSquared += rest * rest - all * all;
        }
        if (dot <= 0 || normV == 0 || restNormSquared <= 1e-12) {
            return 0;
        }
        return dot / Math.sqrt(normV * restNormSquared);
    }

    private String cap(String s) {
        if (s.length() <= maxOutputChars) {
            return s;
        }
        int end = maxOutputChars - 1;
        if (Character.isLowSurrogate(s.charAt(end)) && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return s.substring(0, end).stripTrailing() + "…";
    }

    private void simulateLatency() throws AiProviderException {
        if (simulatedLatency.isZero()) {
            return;
        }
        try {
            Thread.sleep(simulatedLatency.toMillis(), simulatedLatency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, "summariser interrupted", e);
        }
    }
}
