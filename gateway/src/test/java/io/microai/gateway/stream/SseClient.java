package io.microai.gateway.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-driven HTTP/1.1 client over loopback that reads a response as it arrives: the status and headers as soon
 * as they come, then one Server-Sent Event at a time from the chunked body. It can stop reading (a slow reader)
 * or drop the connection mid-stream (a client that goes away).
 */
final class SseClient implements AutoCloseable {
    /** One event: its name and its data line. */
    record Event(String name, String data) {
    }

    private final Socket socket;
    private final InputStream in;
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    private boolean chunked;
    private long chunkLeft;
    private boolean bodyEnded;

    private SseClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Sends {@code POST path} with a JSON body and extra headers ({@code name, value, …}) and reads the head. */
    static SseClient post(int port, String path, String body, String... extraHeaders) throws IOException {
        return post(port, path, body, 0, extraHeaders);
    }

    /** As {@link #post}, with the socket's receive buffer set to {@code receiveBuffer} bytes when positive. */
    static SseClient post(int port, String path, String body, int receiveBuffer, String... extraHeaders) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + bytes.length + "\r\n");
        for (int i = 0; i < extraHeaders.length; i += 2) {
            request.append(extraHeaders[i]).append(": ").append(extraHeaders[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
        SseClient client = new SseClient(socket);
        client.readHead();
        return client;
    }

    private void readHead() throws IOException {
        String statusLine = line(in);
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The next event, or null when the body ended. */
    Event next() throws IOException {
        String name = null;
        StringBuilder data = new StringBuilder();
        while (true) {
            String l = bodyLine();
            if (l == null) {
                return null;
            }
            if (l.isEmpty()) {
                if (name != null || data.length() > 0) {
                    return new Event(name, data.toString());
                }
                continue;
            }
            if (l.startsWith("event:")) {
                name = l.substring("event:".length()).trim();
            } else if (l.startsWith("data:")) {
                data.append(l.substring("data:".length()).trim());
            }
        }
    }

    /** Every event until the body ends. */
    List<Event> rest() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            events.add(e);
        }
        return events;
    }

    /** The whole body of a response that is not a stream. */
    String body() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (chunked) {
            for (int b = bodyByte(); b != -1; b = bodyByte()) {
                all.write(b);
            }
        } else {
            long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            for (long i = 0; i < length; i++) {
                all.write(in.read());
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private String bodyLine() throws IOException {
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        while (true) {
            int b = bodyByte();
            if (b == -1) {
                return l.size() == 0 ? null : l.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return l.toString(StandardCharsets.UTF_8);
            }
            l.write(b);
        }
    }

    private int bodyByte() throws IOException {
        if (bodyEnded) {
            return -1;
        }
        if (!chunked) {
            return in.read();
        }
        if (chunkLeft == 0) {
            String size = line(in);
            if (size.isEmpty()) {
                size = line(in); // the CRLF closing the previous chunk
            }
            chunkLeft = Long.parseLong(size.split(";")[0].trim(), 16);
            if (chunkLeft == 0) {
                line(in); // the empty trailer
                bodyEnded = true;
                return -1;
            }
        }
        int b = in.read();
        if (b == -1) {
            bodyEnded = true;
            return -1;
        }
        chunkLeft--;
        return b;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                l.write(b);
            }
        }
        return l.toString(StandardCharsets.UTF_8);
    }

    /** Drops the connection at once, as a client that goes away does. */
    void drop() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
