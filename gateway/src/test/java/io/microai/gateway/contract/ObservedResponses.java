package io.microai.gateway.contract;

import io.microai.shared.logging.StructuredRecord;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records (service, method, route template, status) of every request any test in this JVM makes to
 * a gateway or verifier, from their access lines, so {@link OpenApiCoverageTest} can check each one
 * against the OpenAPI documents. Installed before the first test by the JUnit launcher session.
 */
public final class ObservedResponses implements LauncherSessionListener {
    /** One answered request, as the access line names it. */
    public record Response(String service, String method, String route, int status) {
    }

    private static final Set<Response> SEEN = ConcurrentHashMap.newKeySet();
    // java.util.logging holds loggers weakly: keep this one, or the handler may vanish with it.
    private static final Logger ACCESS = Logger.getLogger("access");
    private static final Handler RECORDER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof StructuredRecord s) {
                Map<String, Object> f = s.fields();
                if (f.get("status") instanceof Integer status) {
                    SEEN.add(new Response(String.valueOf(f.get("service")), String.valueOf(f.get("method")),
                            String.valueOf(f.get("route")), status));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    static synchronized void install() {
        for (Handler h : ACCESS.getHandlers()) {
            if (h == RECORDER) {
                return;
            }
        }
        ACCESS.addHandler(RECORDER);
    }

    static Set<Response> seen() {
        return Set.copyOf(SEEN);
    }
}
