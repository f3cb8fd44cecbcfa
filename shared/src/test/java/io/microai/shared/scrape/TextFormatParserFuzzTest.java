package io.microai.shared.scrape;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The exposition parser behind {@code metrics top} and the dashboard, fed whatever a scraped target answers.
 * The property: a parse or a {@link ParseException}, never another exception; the result holds no more samples
 * than the text has lines, which bounds what a hostile target can make it allocate.
 */
class TextFormatParserFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyTextParsesOrIsRefusedWithAParseException(String text) {
        if (text == null) {
            return; // the fuzzer's null: a scrape always has a body, if an empty one
        }
        ParsedExposition parsed;
        try {
            parsed = TextFormatParser.parse(text);
        } catch (ParseException e) {
            return;
        }
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        if (parsed.samples().size() > lines) {
            throw new AssertionError(parsed.samples().size() + " samples from " + lines + " lines");
        }
    }
}
