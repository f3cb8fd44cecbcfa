package io.microai.cli.top;

import java.time.Duration;

/**
 * What the operator chose to see: sort, filter, scroll, window, overlays. Changed only by
 * {@link #onKey} (on the UI thread); read by the renderer. The key handling lives here so that it is
 * testable without a terminal.
 */
final class ViewState {
    enum Sort {
        RATE("rate"), P99("p99"), ERRORS("errors"), NAME("name");

        final String label;

        Sort(String label) {
            this.label = label;
        }

        Sort next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    /** What a key asks the loop to do besides redrawing. */
    enum Action {
        NONE, REDRAW, WINDOW_CHANGED, QUIT
    }

    static final Duration SHORT_WINDOW = Duration.ofMinutes(1);
    static final Duration LONG_WINDOW = Duration.ofMinutes(5);

    Sort sort = Sort.RATE;
    String filter = "";
    /** Non-null while the filter prompt is open: the text typed so far. */
    String filterInput;
    int scroll;
    Duration window = SHORT_WINDOW;
    boolean help;
    boolean perInstance;
    boolean paused;
    boolean color = true;
    /** Interactive frames end with a key-hint line; {@code --once} frames do not. */
    boolean interactive = true;
    boolean ascii;
    boolean debugTiming;
    Thresholds thresholds = Thresholds.DEFAULTS;

    Action onKey(Key key) {
        if (key.kind() == Key.Kind.INTERRUPT) {
            return Action.QUIT;
        }
        if (filterInput != null) {
            return onFilterKey(key);
        }
        if (help) {
            // Any key closes the overlay; q still quits.
            help = false;
            return key.kind() == Key.Kind.CHAR && key.ch() == 'q' ? Action.QUIT : Action.REDRAW;
        }
        switch (key.kind()) {
            case UP -> scroll = Math.max(0, scroll - 1);
            case DOWN -> scroll++;
            case PAGE_UP -> scroll = Math.max(0, scroll - 10);
            case PAGE_DOWN -> scroll += 10;
            case HOME -> scroll = 0;
            case END -> scroll = Integer.MAX_VALUE / 2;
            case ESCAPE -> {
                filter = "";
                scroll = 0;
            }
            case CHAR -> {
                return onChar(key.ch());
            }
            default -> {
                return Action.NONE;
            }
        }
        return Action.REDRAW;
    }

    private Action onChar(char c) {
        switch (c) {
            case 'q', 'Q' -> {
                return Action.QUIT;
            }
            case 'p', 'P', ' ' -> paused = !paused;
            case 's' -> {
                sort = sort.next();
                scroll = 0;
            }
            case 'S' -> {
                sort = Sort.values()[(sort.ordinal() + Sort.values().length - 1) % Sort.values().length];
                scroll = 0;
            }
            case '/' -> filterInput = "";
            case 'w', 'W' -> {
                window = window.equals(SHORT_WINDOW) ? LONG_WINDOW : SHORT_WINDOW;
                return Action.WINDOW_CHANGED;
            }
            case '?', 'h' -> help = true;
            case 'i', 'I' -> perInstance = !perInstance;
            case 'k' -> scroll = Math.max(0, scroll - 1);
            case 'j' -> scroll++;
            default -> {
                return Action.NONE;
            }
        }
        return Action.REDRAW;
    }

    private Action onFilterKey(Key key) {
        switch (key.kind()) {
            case ENTER -> {
                filter = filterInput.strip();
                filterInput = null;
                scroll = 0;
            }
            case ESCAPE -> {
                filter = "";
                filterInput = null;
                scroll = 0;
            }
            case BACKSPACE -> {
                if (!filterInput.isEmpty()) {
                    filterInput = filterInput.substring(0, filterInput.length() - 1);
                }
            }
            case CHAR -> {
                if (key.ch() >= ' ' && filterInput.length() < 200) {
                    filterInput += key.ch();
                }
            }
            default -> {
                return Action.NONE;
            }
        }
        return Action.REDRAW;
    }
}
