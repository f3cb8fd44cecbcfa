package io.microai.shared.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Serves a service's OpenAPI document, read once from its jar at start: a missing document is a
 * packaging bug that must stop the service, not a 404 at the first client generator.
 */
public final class OpenApiHandler implements HttpHandler {
    private final byte[] document;

    private OpenApiHandler(byte[] document) {
        this.document = document;
    }

    /** @param resource the document's name, relative to {@code owner}'s package */
    public static OpenApiHandler of(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + resource + " is missing from the jar of " + owner.getName());
            }
            return new OpenApiHandler(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/yaml; charset=utf-8");
        exchange.getResponseSender().send(ByteBuffer.wrap(document));
    }
}
