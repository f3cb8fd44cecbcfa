package io.microai.cli.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Whether a service answers at its recorded {@code health_url}. The URL alone decides how to ask, so
 * {@code status} in another process checks exactly what {@code up} waited for: {@code http(s)://}
 * must answer 200 to a GET, {@code redis://host:port} must answer {@code +PONG} to a PING, and
 * {@code file:} names a file a one-shot step writes whole when it succeeds, which must exist and not be
 * empty. A process that needs another kind of probe gets a scheme here.
 */
final class HealthCheck {
    static final String REDIS_SCHEME = "redis://";
    static final int REDIS_DEFAULT_PORT = 6379;
    static final String FILE_SCHEME = "file:";
    /** An Ethereum node: {@code jsonrpc+http://host:port} must answer a JSON-RPC {@code eth_chainId} with a result. */
    static final String JSON_RPC_SCHEME = "jsonrpc+http://";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private HealthCheck() {
    }

    static boolean healthy(String url) {
        if (url != null && url.startsWith(REDIS_SCHEME)) {
            return redisPing(url);
        }
        if (url != null && url.startsWith(JSON_RPC_SCHEME)) {
            return jsonRpcAnswers("http://" + url.substring(JSON_RPC_SCHEME.length()));
        }
        if (url != null && url.startsWith(FILE_SCHEME)) {
            return fileWritten(url);
        }
        return status(url) == 200;
    }

    static boolean jsonRpcAnswers(String rpcUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl)).timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"result\"");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean fileWritten(String url) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(URI.create(url));
            return java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) > 0;
        } catch (IOException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return false;
        }
    }

    /** Sends an inline {@code PING} to redis://host:port and expects {@code +PONG}. */
    static boolean redisPing(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = uri.getHost() == null ? Processes.LOOPBACK : Processes.unbracket(uri.getHost());
        int port = uri.getPort() < 0 ? REDIS_DEFAULT_PORT : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] buf = new byte[64];
            StringBuilder answer = new StringBuilder();
            int n;
            while (answer.indexOf("\r\n") < 0 && answer.length() < 64 && (n = socket.getInputStream().read(buf)) > 0) {
                answer.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
            return answer.toString().startsWith("+PONG");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The HTTP status of GET url, or -1 when nothing answers within a couple of seconds. */
    static int status(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
