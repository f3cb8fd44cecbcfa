package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the provider against a real loopback HTTP server standing in for the remote AI service. */
class OpenAiCompatibleProviderTest {

    private static final String OK_BODY =
            "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"  A short summary.  \"}}]}";

    private HttpServer server;
    private ExecutorService serverThreads;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile HttpHandler handler;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> handler.handle(exchange));
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        assertTrue(serverThreads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private boolean started;

    private OpenAiCompatibleProvider.Builder provider() {
        if (!started) {
            server.start();
            started = true;
        }
        return OpenAiCompatibleProvider.builder("test-model")
                .name("stub")
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/")
                .requestTimeout(Duration.ofSeconds(5));
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private AiProviderException failure(OpenAiCompatibleProvider p) {
        return assertThrows(AiProviderException.class, () -> p.summarize("some text", "cid-1"));
    }

    @Test
    void sendsExpectedRequestAndReturnsContent() throws Exception {
        handler = ex -> {
            seen.put("method", ex.getRequestMethod());
            seen.put("path", ex.getRequestURI().getPath());
            ex.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), String.join(",", v)));
            seen.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(ex, 200, OK_BODY);
        };
        OpenAiCompatibleProvider p = provider().apiKey("sk-test").build();

        assertEquals("A short summary.", p.summarize("Hello there.", "req-42"));

        assertEquals("POST", seen.get("method"));
        assertEquals("/v1/chat/completions", seen.get("path"));
        assertEquals("Bearer sk-test", seen.get("authorization"));
        assertEquals("application/json", seen.get("content-type"));
        assertEquals("req-42", seen.get("x-correlation-id"));
        assertEquals("https://microai.paygate", seen.get("http-referer"));
        assertEquals("MicroAI Paygate", seen.get("x-title"));
        JsonNode body = new ObjectMapper().readTree(seen.get("body"));
        assertEquals("test-model", body.get("model").asText());
        assertEquals(1, body.get("messages").size());
        assertEquals("user", body.get("messages").get(0).get("role").asText());
        assertEquals("Summarize this text in 2 sentences: Hello there.",
                body.get("messages").get(0).get("content").asText());
    }

    @Test
    void omitsAuthorizationWithoutKeyAndDropsUnsafeCorrelationId() throws Exception {
        handler = ex -> {
            ex.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), String.join(",", v)));
            respond(ex, 200, OK_BODY);
        };
        OpenAiCompatibleProvider p = provider().apiKey("  ").build();
        p.summarize("text", "bad id\r\nX-Evil: 1");
        assertNull(seen.get("authorization"));
        assertNull(seen.get("x-correlation-id"));
        assertNull(seen.get("x-evil"));
    }

    @Test
    void non2xxIsBadResponseWithStatusButNoBody() {
        handler = ex -> respond(ex, 429, "{\"error\":\"secret upstream detail\"}");
        AiProviderException e = failure(provider().build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
        assertEquals(429, e.upstreamStatus());
        assertTrue(e.getMessage().contains("429"));
        assertFalse(e.getMessage().contains("secret"));
        assertEquals(502, e.kind().httpStatus());
    }

    @Test
    void malformedJsonIsBadResponse() {
        handler = ex -> respond(ex, 200, "{\"choices\": [ not json");
        AiProviderException e = failure(provider().build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
        assertFalse(e.getMessage().contains("not json"));
    }

    @Test
    void missingChoicesOrContentIsBadResponse() {
        for (String body : new String[] {
                "{\"choices\":[]}", "{}", "[]", "{\"choices\":[{\"message\":{}}]}",
                "{\"choices\":[{\"message\":{\"content\":42}}]}", "{\"choices\":[{\"message\":{\"content\":\" \"}}]}"}) {
            handler = ex -> respond(ex, 200, body);
            OpenAiCompatibleProvider p = provider().build();
            assertEquals(AiProviderException.Kind.BAD_RESPONSE, failure(p).kind(), body);
        }
    }

    @Test
    void oversizedBodyWithContentLengthIsBadResponse() {
        String huge = "{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(10_000) + "\"}}]}";
        handler = ex -> respond(ex, 200, huge);
        AiProviderException e = failure(provider().maxResponseBytes(1024).build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void oversizedChunkedBodyIsCutOffWhileStreaming() {
        handler = ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to reject up front
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 10_000; i++) { // ~80 MB if nobody stops reading
                    out.write(chunk);
                }
            } catch (IOException clientWentAway) {
                // expected once the provider cancels the body
            }
        };
        AiProviderException e = failure(provider().maxResponseBytes(64 * 1024).build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
    }

    /** A server that holds every request until the test ends (which releases it), then answers normally. */
    private HttpHandler answerOnceReleased() {
        return ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, OK_BODY);
        };
    }

    @Test
    void slowServerTimesOutWithinTheTimeout() throws Exception {
        handler = answerOnceReleased();
        OpenAiCompatibleProvider p = provider().requestTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        AiProviderException e = failure(p);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(AiProviderException.Kind.TIMEOUT, e.kind());
        assertEquals(504, e.kind().httpStatus());
        assertEquals("upstream_timeout", e.kind().errorCode());
        assertTrue(elapsedMs >= 250 && elapsedMs < 5_000, "took " + elapsedMs + " ms");
        assertFalse(p.checkReady(Duration.ofMillis(200)).ready());
    }

    @Test
    void closedPortIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenAiCompatibleProvider p = OpenAiCompatibleProvider.builder("m")
                .baseUrl("http://127.0.0.1:" + port + "/v1").requestTimeout(Duration.ofSeconds(5)).build();
        AiProviderException e = failure(p);
        assertEquals(AiProviderException.Kind.UNAVAILABLE, e.kind());
        assertEquals("upstream_unavailable", e.kind().errorCode());
        Readiness r = p.checkReady(Duration.ofSeconds(2));
        assertFalse(r.ready());
        assertEquals("unreachable", r.detail());
    }

    @Test
    void readinessProbesModelsEndpoint() {
        handler = ex -> {
            seen.put("path", ex.getRequestURI().getPath());
            seen.put("auth", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            respond(ex, ex.getRequestURI().getPath().endsWith("/models") ? 200 : 404, "{\"data\":[]}");
        };
        Readiness r = provider().apiKey("k").build().checkReady(Duration.ofSeconds(2));
        assertTrue(r.ready(), r.detail());
        assertEquals("/v1/models", seen.get("path"));
        assertEquals("Bearer k", seen.get("auth"));
    }

    @Test
    void readinessReportsNon2xx() {
        handler = ex -> respond(ex, 401, "{}");
        Readiness r = provider().build().checkReady(Duration.ofSeconds(2));
        assertFalse(r.ready());
        assertEquals("status 401", r.detail());
    }

    @Test
    void interruptedCallerGetsUnavailableAndKeepsFlag() {
        handler = answerOnceReleased();
        OpenAiCompatibleProvider p = provider().build();
        Thread.currentThread().interrupt();
        AiProviderException e = failure(p);
        assertEquals(AiProviderException.Kind.UNAVAILABLE, e.kind());
        assertTrue(Thread.interrupted());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> OpenAiCompatibleProvider.builder(" "));
        assertThrows(IllegalArgumentException.class,
                () -> OpenAiCompatibleProvider.builder("m").baseUrl("ftp://x").build());
        assertThrows(IllegalArgumentException.class,
                () -> OpenAiCompatibleProvider.builder("m").requestTimeout(Duration.ZERO));
        assertEquals("openrouter", OpenAiCompatibleProvider.builder("m").build().name());
    }
}
