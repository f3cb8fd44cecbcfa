package io.microai.shared.http;

import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies under a byte limit, refusing early on a declared length over it. */
public final class Bodies {
    private Bodies() {
    }

    /** Must run on a worker thread with the exchange in blocking mode. */
    public static byte[] read(HttpServerExchange exchange, long maxBytes) throws IOException {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBytes) {
            // The unread body must never be parsed as the next request on this connection.
            exchange.setPersistent(false);
            throw new BodyTooLargeException(maxBytes);
        }
        InputStream in = exchange.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                exchange.setPersistent(false);
                throw new BodyTooLargeException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
