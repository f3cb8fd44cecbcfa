package io.microai.gateway.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rule-based sentence splitter for Latin-script and CJK text.
 *
 * <p>Hand-written rather than {@link java.text.BreakIterator} because the JDK iterator splits after
 * every "Mr." or "e.g." followed by a capital, which makes extractive summaries start mid-sentence.
 */
final class SentenceSplitter {

    // Lower-cased, without the trailing dot. Kept short on purpose: false merges are cheaper than false splits.
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "inc", "ltd", "co", "corp",
            "fig", "no", "approx", "dept", "est", "e.g", "i.e", "u.s", "u.k", "a.m", "p.m", "jan", "feb", "mar",
            "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "gov", "sen", "rep", "cf", "al");

    private SentenceSplitter() {
    }

    /** Splits {@code text} into trimmed sentences with internal whitespace collapsed; never returns blanks. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end = -1;
            if (isCjkTerminator(c)) {
                end = skipClosers(text, skipWhile(text, i, SentenceSplitter::isCjkTerminator));
            } else if (c == '.' || c == '!' || c == '?') {
                int afterRun = skipWhile(text, i, ch -> ch == '.' || ch == '!' || ch == '?');
                int afterClosers = skipClosers(text, afterRun);
                boolean singleDot = c == '.' && afterRun == i + 1;
                if ((afterClosers == n || Character.isWhitespace(text.charAt(afterClosers)))
                        && !(singleDot && isAbbreviationBefore(text, start, i))
                        && !startsLowercase(text, afterClosers)) {
                    end = afterClosers;
                }
                if (end < 0) {
                    i = afterRun;
                    continue;
                }
            } else if (c == '\n' && isParagraphBreak(text, i)) {
                end = i;
            }
            if (end >= 0) {
                add(out, text.substring(start, end));
                start = end;
                i = end == i ? i + 1 : end;
            } else {
                i++;
            }
        }
        add(out, text.substring(start));
        return out;
    }

    /** Collapses any run of whitespace (including newlines and ideographic space) into one ASCII space. */
    static String collapseWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = sb.length() > 0;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    static boolean endsWithCjkTerminator(String sentence) {
        for (int i = sentence.length() - 1; i >= 0; i--) {
            char c = sentence.charAt(i);
            if (isCloser(c)) {
                continue;
            }
            return isCjkTerminator(c);
        }
        return false;
    }

    private static void add(List<String> out, String raw) {
        String s = collapseWhitespace(raw);
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    private static boolean isCjkTerminator(char c) {
        return c == '。' || c == '！' || c == '？' || c == '｡';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '»'
                || c == '」' || c == '』' || c == '）' || c == '】';
    }

    private static int skipClosers(String text, int i) {
        return skipWhile(text, i, SentenceSplitter::isCloser);
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static int skipWhile(String text, int i, CharTest t) {
        while (i < text.length() && t.test(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isParagraphBreak(String text, int newline) {
        for (int j = newline + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    /** "e.g. the" or "approx. five" continue the sentence even when the abbreviation list misses them. */
    private static boolean startsLowercase(String text, int from) {
        int j = from;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j < text.length() && Character.isLowerCase(text.charAt(j));
    }

    private static boolean isAbbreviationBefore(String text, int sentenceStart, int dot) {
        int j = dot;
        while (j > sentenceStart && !Character.isWhitespace(text.charAt(j - 1))) {
            j--;
        }
        String word = text.substring(j, dot);
        // Strip opening punctuation such as "(" so "(e.g." is still recognised.
        int k = 0;
        while (k < word.length() && !Character.isLetterOrDigit(word.charAt(k))) {
            k++;
        }
        word = word.substring(k);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true; // an initial, as in "J. R. Tolkien"
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }
}
