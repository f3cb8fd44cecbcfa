package io.microai.shared.logging;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code LOG_FORMAT}: {@code text} (java.util.logging's own two-line format, for a terminal) or
 * {@code json} (one JSON object per line, for a log pipeline). A service installs it once at start,
 * before it logs anything.
 */
public enum LogFormat {
    TEXT, JSON;

    public static final String VARIABLE = "LOG_FORMAT";

    public static LogFormat fromEnv(Env env) {
        String raw = env.string(VARIABLE, "text").toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new ConfigException(VARIABLE + " must be text or json, got: " + raw);
        };
    }

    /**
     * Makes every handler of the root logger write this format. With {@code json} the root logger is
     * given a console handler if it has none, so nothing is logged in another shape.
     */
    public void install() {
        Logger root = LogManager.getLogManager().getLogger("");
        Handler[] handlers = root.getHandlers();
        if (this == TEXT) {
            if (TextLogFormatter.reproducesDefault()) {
                // The same lines as SimpleFormatter's default, without formatting the date for every one.
                for (Handler handler : handlers) {
                    if (handler.getFormatter() != null && handler.getFormatter().getClass() == SimpleFormatter.class) {
                        handler.setFormatter(new TextLogFormatter());
                    }
                }
            }
            writeConsolesOffThread(root);
            return;
        }
        if (handlers.length == 0) {
            ConsoleHandler console = new ConsoleHandler();
            root.addHandler(console);
            handlers = new Handler[] {console};
        }
        for (Handler handler : handlers) {
            handler.setFormatter(new JsonLogFormatter());
        }
        writeConsolesOffThread(root);
    }

    /** Puts each console handler of {@code root} behind one writer thread (see {@link AsyncLogHandler}). */
    private static void writeConsolesOffThread(Logger root) {
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
                root.addHandler(new AsyncLogHandler(handler, AsyncLogHandler.DEFAULT_CAPACITY));
            }
        }
    }
}
