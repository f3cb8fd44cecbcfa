package io.microai.shared.scrape;

/**
 * A line of an exposition that does not follow the text format. Checked, because a scraper must
 * decide what a broken target means (it marks the target down with {@link #getMessage()}), and
 * the 1-based line number is what makes that message actionable.
 */
public final class ParseException extends Exception {
    private final int lineNumber;

    public ParseException(int lineNumber, String reason) {
        super("line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    public int lineNumber() {
        return lineNumber;
    }
}
