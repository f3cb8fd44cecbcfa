package io.microai.gateway.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven HTTP/1.1 connection from a chosen loopback address, so a test can be a client that misbehaves
 * (declares a body and never sends it) and a second, well-behaved client can come from another address.
 */
final class RawClient implements AutoCloseable {
    /** Linux routes all of 127/8 to loopback: a second client address needs no setup. */
    static final String ATTACKER = "127.0.0.2";

    private final Socket socket;

    private RawClient(Socket socket) {
        this.socket = socket;
    }

    static RawClient connect(String fromAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return new RawClient(socket);
    }

    RawClient send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return this;
    }

    /** The headers of a paid attempt whose declared body of {@code contentLength} bytes is not sent. */
    static String stalledPaidAttempt(String path, int contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-402-Signature: 0x" + "ab".repeat(65) + "\r\nX-402-Nonce: stalled\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** What the server sent within {@code millis} (until it closed, or went quiet). */
    String read(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                all.write(buffer, 0, n);
                if (complete(all.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // quiet: return what arrived
        } catch (IOException e) {
            // reset by the server: return what arrived
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** One whole response with a Content-Length body. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring("content-length:".length()).trim());
                return text.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
