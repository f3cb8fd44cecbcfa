package io.microai.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in upstream (verifier or OpenAI-compatible provider) on a free loopback port, scripted per
 * path. Each exchange runs on its own thread, so a deliberately slow handler never blocks a probe;
 * {@link #close()} interrupts handlers still sleeping.
 */
public final class StandIn implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool;

    private StandIn(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Starts a server answering each path prefix in {@code routes} with its handler; anything else gets 404. */
    public static StandIn start(Map<String, HttpHandler> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        routes.forEach(server::createContext);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.start();
        return new StandIn(server, pool);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Drains the request body and sends {@code body} with {@code status}. */
    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static HttpHandler json(int status, String body) {
        return exchange -> respond(exchange, status, "application/json", body);
    }

    /** Sleeps {@code millis} (interrupted by close) and then answers like {@code then}. */
    public static HttpHandler slow(long millis, HttpHandler then) {
        return exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            then.handle(exchange);
        };
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
