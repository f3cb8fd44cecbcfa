package io.microai.cli.top;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen loop: a daemon thread scrapes every interval; this thread reads keys (polling
 * every 100 ms), takes a new snapshot when one is there and the view is not paused, and redraws
 * through JLine's {@link Display} (which only rewrites what changed).
 *
 * <p>The terminal is always given back: the alternate screen is left, the cursor shown and the
 * saved attributes (cooked mode) restored in {@code finally}, and by a shutdown hook when the JVM
 * is stopped any other way (SIGTERM, SIGHUP of a closed terminal).
 */
final class TerminalUi {
    private static final long POLL_MILLIS = 100;

    private final Terminal terminal;
    private final Monitor monitor;
    private final ViewState view;
    private final AtomicBoolean quit = new AtomicBoolean();
    private final AtomicBoolean resized = new AtomicBoolean();
    private final AtomicBoolean newData = new AtomicBoolean();
    private final AtomicBoolean restored = new AtomicBoolean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Attributes saved;

    TerminalUi(Terminal terminal, Monitor monitor, ViewState view) {
        this.terminal = terminal;
        this.monitor = monitor;
        this.view = view;
    }

    void run() throws IOException {
        saved = terminal.enterRawMode();
        Thread hook = new Thread(this::restore, "microai-top-restore-terminal");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService scrapes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "microai-top-scrape");
            t.setDaemon(true);
            return t;
        });
        try {
            terminal.puts(InfoCmp.Capability.enter_ca_mode);
            terminal.puts(InfoCmp.Capability.keypad_xmit);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            terminal.puts(InfoCmp.Capability.clear_screen);
            terminal.flush();
            terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
            terminal.handle(Terminal.Signal.INT, s -> quit.set(true));
            terminal.handle(Terminal.Signal.QUIT, s -> quit.set(true));

            long intervalNanos = monitor.interval().toNanos();
            scrapes.scheduleAtFixedRate(() -> {
                try {
                    monitor.refresh();
                    newData.set(true);
                } catch (RuntimeException e) {
                    // The Scraper does not throw for target failures; anything else must not stop the loop.
                }
            }, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);

            Display display = new Display(terminal, true);
            Size size = terminal.getSize();
            display.resize(size.getRows(), size.getColumns());
            Snapshot current = monitor.snapshot(view.window);
            double lastCpuMillis = Double.NaN;
            boolean redraw = true;
            NonBlockingReader reader = terminal.reader();
            while (!quit.get()) {
                Key key = readKey(reader, redraw ? 0 : POLL_MILLIS);
                long cpu0 = threads.getCurrentThreadCpuTime();
                if (key != null) {
                    ViewState.Action action = view.onKey(key);
                    if (action == ViewState.Action.QUIT) {
                        break;
                    }
                    if (action == ViewState.Action.WINDOW_CHANGED && !view.paused) {
                        current = monitor.snapshot(view.window).withCpuMillis(lastCpuMillis);
                    }
                    redraw |= action != ViewState.Action.NONE;
                }
                if (newData.getAndSet(false) && !view.paused) {
                    current = monitor.snapshot(view.window).withCpuMillis(lastCpuMillis);
                    redraw = true;
                }
                if (resized.getAndSet(false)) {
                    size = terminal.getSize();
                    display.clear();
                    display.resize(size.getRows(), size.getColumns());
                    redraw = true;
                }
                if (redraw) {
                    int rows = Math.max(1, size.getRows());
                    int cols = Math.max(1, size.getColumns());
                    Renderer.Frame frame = Renderer.frame(current, view, cols, rows);
                    if (view.scroll > frame.maxScroll()) {
                        view.scroll = frame.maxScroll();
                    }
                    display.update(frame.lines(), 0);
                    terminal.flush();
                    // Shown on the next frame: this refresh's history+figures (scrape thread) and snapshot+render (here).
                    lastCpuMillis = monitor.lastRecordCpuMillis() + (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
                    current = current.withCpuMillis(lastCpuMillis);
                    redraw = false;
                }
            }
        } finally {
            scrapes.shutdownNow();
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** Leaves the alternate screen, shows the cursor and puts the terminal back in its saved mode; once. */
    void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        try {
            terminal.puts(InfoCmp.Capability.keypad_local);
            terminal.puts(InfoCmp.Capability.cursor_visible);
            terminal.puts(InfoCmp.Capability.exit_ca_mode);
            terminal.flush();
        } catch (RuntimeException e) {
            // the terminal may be gone (closed window); nothing left to restore on it
        }
        try {
            if (saved != null) {
                terminal.setAttributes(saved);
            }
        } catch (RuntimeException e) {
            // same
        }
    }

    /** One key, or null when none came within the timeout. Escape sequences are decoded here. */
    private Key readKey(NonBlockingReader reader, long timeoutMillis) throws IOException {
        int c = timeoutMillis <= 0 ? reader.read(1) : reader.read(timeoutMillis);
        if (c == NonBlockingReader.READ_EXPIRED) {
            return null;
        }
        if (c == NonBlockingReader.EOF) {
            quit.set(true);
            return null;
        }
        return decode(c, reader);
    }

    static Key decode(int c, NonBlockingReader reader) throws IOException {
        switch (c) {
            case 3, 4 -> {
                return Key.of(Key.Kind.INTERRUPT);
            }
            case '\r', '\n' -> {
                return Key.of(Key.Kind.ENTER);
            }
            case 127, 8 -> {
                return Key.of(Key.Kind.BACKSPACE);
            }
            case 27 -> {
                return escape(reader);
            }
            default -> {
                return Key.of((char) c);
            }
        }
    }

    /** ESC alone (nothing follows within 50 ms) or a CSI/SS3 sequence: arrows, PgUp/PgDn, Home/End. */
    private static Key escape(NonBlockingReader reader) throws IOException {
        int c1 = reader.peek(50);
        if (c1 != '[' && c1 != 'O') {
            return Key.of(Key.Kind.ESCAPE); // a lone Esc; what follows (if anything) is the next key
        }
        reader.read(1);
        StringBuilder seq = new StringBuilder();
        while (true) {
            int c = reader.read(50);
            if (c < 0) {
                return Key.of(Key.Kind.ESCAPE);
            }
            seq.append((char) c);
            if (c >= 0x40 && c <= 0x7e) {
                break; // final byte of the sequence
            }
            if (seq.length() > 8) {
                return Key.of(Key.Kind.ESCAPE);
            }
        }
        return switch (seq.toString()) {
            case "A" -> Key.of(Key.Kind.UP);
            case "B" -> Key.of(Key.Kind.DOWN);
            case "5~" -> Key.of(Key.Kind.PAGE_UP);
            case "6~" -> Key.of(Key.Kind.PAGE_DOWN);
            case "H", "1~", "7~" -> Key.of(Key.Kind.HOME);
            case "F", "4~", "8~" -> Key.of(Key.Kind.END);
            default -> new Key(Key.Kind.CHAR, '\0');
        };
    }
}
