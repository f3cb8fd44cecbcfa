package io.microai.shared.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.xnio.Options;

/**
 * A started Undertow listener with graceful shutdown: stop() refuses new requests, lets in-flight
 * ones finish (bounded), then frees the port and threads.
 */
public final class HttpService implements AutoCloseable {
    /** How long the request line and headers may take to arrive, in all. */
    public static final int REQUEST_PARSE_TIMEOUT_MS = 10_000;
    /** How long a read may wait for the next byte of a request (headers or body). */
    public static final int READ_TIMEOUT_MS = 30_000;
    /** How long a write may wait for the client to take response bytes. */
    public static final int WRITE_TIMEOUT_MS = 30_000;
    /** How long a kept-alive connection may sit with no request in it. */
    public static final int IDLE_TIMEOUT_MS = 60_000;

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
                // A client must not hold a connection by going quiet: the headers must arrive whole within
                // REQUEST_PARSE_TIMEOUT, every read or write must make progress within READ/WRITE_TIMEOUT, and
                // a connection with no request in it is closed after NO_REQUEST_TIMEOUT / IDLE_TIMEOUT.
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_TIMEOUT_MS)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, IDLE_TIMEOUT_MS)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MS)
                .setSocketOption(Options.READ_TIMEOUT, READ_TIMEOUT_MS)
                .setSocketOption(Options.WRITE_TIMEOUT, WRITE_TIMEOUT_MS)
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
