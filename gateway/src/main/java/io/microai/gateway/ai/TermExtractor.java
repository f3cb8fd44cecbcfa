package io.microai.gateway.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a sentence into content terms for similarity scoring.
 *
 * <p>Space-delimited scripts yield lower-cased words minus stopwords; Han, Hiragana and Katakana have no
 * word separators, so runs of them yield overlapping character bigrams, which approximate words well
 * enough for overlap scoring without a dictionary.
 */
final class TermExtractor {

    private static final Set<String> STOPWORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
            "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
            "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
            "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most",
            "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
            "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
            "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to",
            "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
            "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "said", "says",
            "may", "might", "must", "shall", "us", "one", "many", "much", "new", "like", "get", "got");

    private TermExtractor() {
    }

    static List<String> terms(String sentence) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int prevCjk = -1;
        boolean cjkRunEmitted = false;
        for (int i = 0; i < sentence.length(); ) {
            int cp = sentence.codePointAt(i);
            i += Character.charCount(cp);
            if (isUnsegmentedScript(cp)) {
                flushWord(word, out);
                if (prevCjk >= 0) {
                    out.add(new StringBuilder().appendCodePoint(prevCjk).appendCodePoint(cp).toString());
                    cjkRunEmitted = true;
                }
                prevCjk = cp;
                continue;
            }
            flushCjk(prevCjk, cjkRunEmitted, out);
            prevCjk = -1;
            cjkRunEmitted = false;
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(Character.toLowerCase(cp));
            } else if (!(cp == '\'' || cp == '’') || word.length() == 0) {
                flushWord(word, out);
            }
            // Apostrophes inside a word are dropped so "provider's" and "providers" meet after stemming.
        }
        flushCjk(prevCjk, cjkRunEmitted, out);
        flushWord(word, out);
        return out;
    }

    private static void flushCjk(int prevCjk, boolean runEmitted, List<String> out) {
        if (prevCjk >= 0 && !runEmitted) {
            out.add(new String(Character.toChars(prevCjk))); // a lone ideograph still carries meaning
        }
    }

    private static void flushWord(StringBuilder word, List<String> out) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (w.length() < 2 || STOPWORDS.contains(w)) {
            return;
        }
        out.add(stem(w));
    }

    /** Crude plural folding; enough to let "payments" and "payment" count as one term. */
    private static String stem(String w) {
        if (w.length() > 4 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.endsWith("ies") ? w.substring(0, w.length() - 3) + "y" : w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static boolean isUnsegmentedScript(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
