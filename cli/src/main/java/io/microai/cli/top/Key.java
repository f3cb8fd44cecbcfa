package io.microai.cli.top;

/** A key press as the dashboard understands it. {@code ch} is set for {@link Kind#CHAR}. */
record Key(Kind kind, char ch) {
    enum Kind {
        CHAR, UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, ESCAPE, BACKSPACE, INTERRUPT
    }

    static Key of(char c) {
        return new Key(Kind.CHAR, c);
    }

    static Key of(Kind kind) {
        return new Key(kind, '\0');
    }
}
