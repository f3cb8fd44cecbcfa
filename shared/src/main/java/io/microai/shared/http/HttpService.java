package io.microai.shared.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A started Undertow listener with graceful shutdown: stop() refuses new requests, lets in-flight
 * ones finish (bounded), then frees the port and threads.
 */
public final class HttpService implements AutoCloseable {
    private final Undertow undertow;
    private final GracefulShutdownHandler shutdown;
    private final int port;

    private HttpService(Undertow undertow, GracefulShutdownHandler shutdown, int port) {
        this.undertow = undertow;
        this.shutdown = shutdown;
        this.port = port;
    }

    /** Port 0 picks a free port; {@link #port()} tells which. */
    public static HttpService start(String host, int port, HttpHandler root) {
        return start(host, port, 0, root);
    }

    /** {@code workerThreads} ≤ 0 keeps Undertow's default (8 per IO thread). */
    public static HttpService start(String host, int port, int workerThreads, HttpHandler root) {
        GracefulShutdownHandler shutdown = new GracefulShutdownHandler(root);
        Undertow.Builder builder = Undertow.builder();
        if (workerThreads > 0) {
            builder.setWorkerThreads(workerThreads);
        }
        Undertow undertow = builder
                .addHttpListener(port, host)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 30_000)
                .setHandler(shutdown)
                .build();
        undertow.start();
        int bound = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        return new HttpService(undertow, shutdown, bound);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        shutdown.shutdown();
        try {
            shutdown.awaitShutdown(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
    }
}
