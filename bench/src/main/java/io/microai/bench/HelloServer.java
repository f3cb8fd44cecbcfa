package io.microai.bench;

import io.undertow.Undertow;
import io.undertow.util.Headers;

/**
 * The ceiling for the gateway benchmark: a bare Undertow listener answering every request with a
 * small JSON body from the IO thread, no routing, no middleware. Usage: {@code HelloServer PORT}.
 */
public final class HelloServer {
    private HelloServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    exchange.getResponseSender().send("{\"status\":\"ok\"}");
                })
                .build()
                .start();
    }
}
