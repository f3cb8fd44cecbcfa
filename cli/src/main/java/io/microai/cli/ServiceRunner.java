package io.microai.cli;

import java.util.concurrent.CountDownLatch;

/** Runs a service in the foreground until the JVM is asked to stop (Ctrl-C, SIGTERM). */
final class ServiceRunner {
    private ServiceRunner() {
    }

    static int runUntilStopped(AutoCloseable service) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception ignored) {
                // Shutting down anyway; nothing useful to do with a close failure here.
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** Undertow reports a taken port as a RuntimeException wrapping a BindException; say it plainly. */
    static RuntimeException explainStartFailure(RuntimeException e, String service, int port) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof java.net.BindException) {
                return new IllegalStateException(service + " cannot listen on port " + port + ": " + cause.getMessage(), e);
            }
            cause = cause.getCause();
        }
        return e;
    }
}
