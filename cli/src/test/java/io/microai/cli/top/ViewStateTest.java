package io.microai.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ViewStateTest {
    @Test
    void qAndCtrlCQuit() {
        assertEquals(ViewState.Action.QUIT, new ViewState().onKey(Key.of('q')));
        assertEquals(ViewState.Action.QUIT, new ViewState().onKey(Key.of(Key.Kind.INTERRUPT)));
        ViewState typing = new ViewState();
        typing.onKey(Key.of('/'));
        assertEquals(ViewState.Action.REDRAW, typing.onKey(Key.of('q')), "q is text in the filter prompt");
        assertEquals("q", typing.filterInput);
        assertEquals(ViewState.Action.QUIT, typing.onKey(Key.of(Key.Kind.INTERRUPT)), "Ctrl-C always quits");
    }

    @Test
    void sCyclesRateP99ErrorsNameAndBack() {
        ViewState v = new ViewState();
        assertEquals(ViewState.Sort.RATE, v.sort);
        v.onKey(Key.of('s'));
        assertEquals(ViewState.Sort.P99, v.sort);
        v.onKey(Key.of('s'));
        assertEquals(ViewState.Sort.ERRORS, v.sort);
        v.onKey(Key.of('s'));
        assertEquals(ViewState.Sort.NAME, v.sort);
        v.onKey(Key.of('s'));
        assertEquals(ViewState.Sort.RATE, v.sort);
        v.onKey(Key.of('S'));
        assertEquals(ViewState.Sort.NAME, v.sort, "S cycles backwards");
    }

    @Test
    void slashOpensTheFilterPromptEnterAppliesEscClears() {
        ViewState v = new ViewState();
        v.onKey(Key.of('/'));
        assertEquals("", v.filterInput);
        for (char c : "apix".toCharArray()) {
            v.onKey(Key.of(c));
        }
        v.onKey(Key.of(Key.Kind.BACKSPACE));
        assertEquals("", v.filter, "not applied while typing");
        v.onKey(Key.of(Key.Kind.ENTER));
        assertEquals("api", v.filter);
        assertNull(v.filterInput);
        v.onKey(Key.of('/'));
        v.onKey(Key.of('x'));
        v.onKey(Key.of(Key.Kind.ESCAPE));
        assertEquals("", v.filter, "Esc in the prompt clears");
        assertNull(v.filterInput);
        v.filter = "health";
        v.onKey(Key.of(Key.Kind.ESCAPE));
        assertEquals("", v.filter, "Esc outside the prompt clears too");
    }

    @Test
    void arrowsScrollButNotAboveTheTop() {
        ViewState v = new ViewState();
        v.onKey(Key.of(Key.Kind.UP));
        assertEquals(0, v.scroll);
        v.onKey(Key.of(Key.Kind.DOWN));
        v.onKey(Key.of(Key.Kind.DOWN));
        assertEquals(2, v.scroll);
        v.onKey(Key.of(Key.Kind.UP));
        assertEquals(1, v.scroll);
        v.onKey(Key.of(Key.Kind.PAGE_DOWN));
        assertEquals(11, v.scroll);
        v.onKey(Key.of(Key.Kind.HOME));
        assertEquals(0, v.scroll);
    }

    @Test
    void wTogglesTheWindowBetweenOneAndFiveMinutes() {
        ViewState v = new ViewState();
        assertEquals(ViewState.Action.WINDOW_CHANGED, v.onKey(Key.of('w')));
        assertEquals(Duration.ofMinutes(5), v.window);
        v.onKey(Key.of('w'));
        assertEquals(Duration.ofMinutes(1), v.window);
    }

    @Test
    void pPausesQuestionMarkShowsHelpIShowsInstances() {
        ViewState v = new ViewState();
        v.onKey(Key.of('p'));
        assertTrue(v.paused);
        v.onKey(Key.of('p'));
        assertFalse(v.paused);
        v.onKey(Key.of('?'));
        assertTrue(v.help);
        assertEquals(ViewState.Action.REDRAW, v.onKey(Key.of('s')), "any key closes the help...");
        assertFalse(v.help);
        assertEquals(ViewState.Sort.RATE, v.sort, "...without doing anything else");
        v.onKey(Key.of('i'));
        assertTrue(v.perInstance);
        assertEquals(ViewState.Action.NONE, v.onKey(Key.of('z')), "unknown keys do nothing");
    }
}
