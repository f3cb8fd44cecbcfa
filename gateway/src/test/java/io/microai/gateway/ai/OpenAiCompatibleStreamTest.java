package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams from a real loopback HTTP server that stands in for an OpenAI-compatible service sending SSE. */
class OpenAiCompatibleStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DONE = "data: [DONE]\n\n";
    private static final String TIMER_THREAD = "ai-stream-timer-stub";

    private HttpServer server;
    private ExecutorService serverThreads;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final List<String> chunks = new CopyOnWriteArrayList<>();
    private volatile HttpHandler handler;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> handler.handle(exchange));
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        assertTrue(serverThreads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private OpenAiCompatibleProvider.Builder provider() {
        return OpenAiCompatibleProvider.builder("test-model")
                .name("stub")
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .requestTimeout(Duration.ofSeconds(10));
    }

    /** Streams into {@link #chunks} and checks that the stream, however it ended, left no timer queued. */
    private void stream(OpenAiCompatibleProvider p, ChunkSink sink) throws AiProviderException {
        try {
            p.stream("some text", "cid-1", sink);
        } finally {
            assertEquals(0, p.pendingStreamTimers(), "timers cancelled when the stream ended");
        }
    }

    private void stream(OpenAiCompatibleProvider p) throws AiProviderException {
        stream(p, chunk -> chunks.add(chunk));
    }

    private AiProviderException streamFailure(OpenAiCompatibleProvider p) {
        return assertThrows(AiProviderException.class, () -> stream(p));
    }

    private static OutputStream startEvents(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    private static void send(OutputStream out, String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String delta(String content) {
        return event("{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quoted(content) + "},\"finish_reason\":null}]}");
    }

    private static String event(String json) {
        return "data: " + json + "\n\n";
    }

    private static final String FINISH = event("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server that sends {@code raw} whole and ends the response. */
    private static HttpHandler sends(String raw) {
        return ex -> {
            try (OutputStream out = startEvents(ex)) {
                send(out, raw);
            }
        };
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void firstChunkReachesTheSinkBeforeTheServerSendsItsLastEvent() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        AtomicBoolean lastSent = new AtomicBoolean();
        AtomicBoolean lastSentWhenFirstArrived = new AtomicBoolean(true);
        handler = ex -> {
            seen.put("path", ex.getRequestURI().getPath());
            seen.put("accept", String.valueOf(ex.getRequestHeaders().getFirst("Accept")));
            seen.put("cid", String.valueOf(ex.getRequestHeaders().getFirst("X-Correlation-ID")));
            seen.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try (OutputStream out = startEvents(ex)) {
                send(out, event("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"));
                send(out, delta("Hello"));
                try {
                    firstSeen.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                lastSent.set(true);
                send(out, delta(" world."));
                send(out, FINISH + DONE);
            }
        };
        stream(provider().build(), chunk -> {
            if (chunks.isEmpty()) {
                lastSentWhenFirstArrived.set(lastSent.get());
                firstSeen.countDown();
            }
            return chunks.add(chunk);
        });

        assertFalse(lastSentWhenFirstArrived.get(), "the first chunk was handed on while the server still held the rest");
        assertEquals(List.of("Hello", " world."), chunks);
        assertEquals("/v1/chat/completions", seen.get("path"));
        assertEquals("text/event-stream", seen.get("accept"));
        assertEquals("cid-1", seen.get("cid"));
        JsonNode body = JSON.readTree(seen.get("body"));
        assertTrue(body.get("stream").asBoolean());
        assertEquals("test-model", body.get("model").asText());
        assertEquals("Summarize this text in 2 sentences: some text",
                body.get("messages").get(0).get("content").asText());
    }

    @Test
    void crlfCommentsAndMultiLineDataSplitAcrossWritesAnywhereAreParsed() throws Exception {
        String raw = ": OPENROUTER PROCESSING\r\n\r\n"
                + "data: {\"choices\":[{\"delta\":\r\ndata: {\"content\":\"Café \"}}]}\r\n\r\n"
                + ": keep-alive\r\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"🚀 launch\"}}]}\r\n\r\n"
                + DONE;
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        handler = ex -> {
            try (OutputStream out = startEvents(ex)) {
                for (int i = 0; i < bytes.length; i += 3) { // three bytes per write split CRLFs and characters
                    out.write(bytes, i, Math.min(3, bytes.length - i));
                    out.flush();
                }
            }
        };
        stream(provider().build());
        assertEquals("Café 🚀 launch", String.join("", chunks));
    }

    @Test
    void chunksConcatenateToTheAnswerWithOuterWhitespaceRemoved() throws Exception {
        handler = sends(delta("\n\n  Hello") + delta(" big ") + delta("\n") + delta("world.  \n") + FINISH + DONE);
        stream(provider().build());
        assertEquals(List.of("Hello", " big", " \nworld."), chunks);
        assertEquals("\n\n  Hello big \nworld.  \n".strip(), String.join("", chunks));
    }

    @Test
    void usageOnlyAndRoleOnlyEventsAddNoChunk() throws Exception {
        handler = sends(event("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}") + delta("Hi.")
                + event("{\"choices\":[],\"usage\":{\"total_tokens\":3}}") + DONE);
        stream(provider().build());
        assertEquals(List.of("Hi."), chunks);
    }

    @Test
    void aLineOverTheEventLimitIsBadResponse() {
        handler = ex -> {
            try (OutputStream out = startEvents(ex)) {
                send(out, "data: " + "x".repeat(OpenAiCompatibleProvider.MAX_EVENT_BYTES + 10));
                awaitRelease();
            }
        };
        AiProviderException e = streamFailure(provider().build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains(String.valueOf(OpenAiCompatibleProvider.MAX_EVENT_BYTES)), e.getMessage());
    }

    @Test
    void aStreamOverTheResponseCapIsBadResponseAfterTheChunksBeforeIt() {
        handler = ex -> {
            try (OutputStream out = startEvents(ex)) {
                for (int i = 0; i < 1_000; i++) {
                    send(out, delta("y".repeat(100)));
                }
                send(out, DONE);
            } catch (IOException clientWentAway) {
                // expected once the provider gives up
            }
        };
        AiProviderException e = streamFailure(provider().maxResponseBytes(4096).build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
        assertFalse(chunks.isEmpty(), "what came before the cap was handed on");
        assertTrue(String.join("", chunks).length() < 4096);
    }

    @Test
    void aServerThatGoesQuietTimesOutAfterTheIdleLimit() {
        handler = ex -> {
            try (OutputStream out = startEvents(ex)) {
                send(out, delta("Hello"));
                awaitRelease();
            }
        };
        AiProviderException e = streamFailure(provider().streamIdleTimeout(Duration.ofMillis(200)).build());
        assertEquals(AiProviderException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("sent nothing"), e.getMessage());
        assertEquals(List.of("Hello"), chunks);
    }

    @Test
    void keepAlivesDoNotOutliveTheTotalRequestTimeout() {
        handler = ex -> {
            try (OutputStream out = startEvents(ex)) {
                send(out, delta("Hello"));
                while (!release.await(50, TimeUnit.MILLISECONDS)) {
                    send(out, ": keep-alive\n\n");
                }
            } catch (IOException | InterruptedException clientWentAway) {
                // expected once the provider gives up
            }
        };
        AiProviderException e = streamFailure(provider()
                .requestTimeout(Duration.ofSeconds(1)).streamIdleTimeout(Duration.ofSeconds(30)).build());
        assertEquals(AiProviderException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        assertEquals(List.of("Hello"), chunks);
    }

    @Test
    void non2xxMapsExactlyAsTheNonStreamingCall() {
        handler = ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"error\":\"secret upstream detail\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(429, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        };
        OpenAiCompatibleProvider p = provider().build();
        AiProviderException streamed = streamFailure(p);
        AiProviderException plain = assertThrows(AiProviderException.class, () -> p.summarize("some text", "cid-1"));
        assertEquals(plain.kind(), streamed.kind());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, streamed.kind());
        assertEquals(429, streamed.upstreamStatus());
        assertEquals(plain.getMessage(), streamed.getMessage());
        assertFalse(streamed.getMessage().contains("secret"));
        assertTrue(chunks.isEmpty());
    }

    @Test
    void anErrorEventMidStreamIsUnavailableWithoutItsText() {
        handler = sends(delta("Partial") + event("{\"error\":{\"message\":\"secret overload\",\"code\":502}}") + DONE);
        AiProviderException e = streamFailure(provider().build());
        assertEquals(AiProviderException.Kind.UNAVAILABLE, e.kind());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertEquals(List.of("Partial"), chunks);
    }

    @Test
    void malformedEventJsonIsBadResponse() {
        handler = sends(delta("Ok") + "data: {\"choices\": [ secret not json\n\n" + DONE);
        AiProviderException e = streamFailure(provider().build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void anEndWithoutContentIsBadResponse() {
        handler = sends(": nothing to say\n\n");
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, streamFailure(provider().build()).kind());
        handler = sends(delta("   ") + DONE);
        AiProviderException blank = streamFailure(provider().build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, blank.kind());
        assertTrue(blank.getMessage().contains("missing content"), blank.getMessage());
        assertTrue(chunks.isEmpty());
    }

    @Test
    void anEndWithoutDoneOrFinishReasonIsBadResponseAfterTheChunks() {
        handler = sends(delta("Cut") + delta(" off"));
        AiProviderException e = streamFailure(provider().build());
        assertEquals(AiProviderException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("[DONE]"), e.getMessage());
        assertEquals(List.of("Cut", " off"), chunks);
    }

    @Test
    void anEndWithoutDoneAfterAFinishReasonIsComplete() throws Exception {
        handler = sends(delta("Whole answer.") + FINISH);
        stream(provider().build());
        assertEquals(List.of("Whole answer."), chunks);
    }

    @Test
    void aServerThatIgnoresStreamingAndAnswersJsonGivesOneChunk() throws Exception {
        handler = ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"  A short summary. \"}}]}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        };
        stream(provider().build());
        assertEquals(List.of("A short summary."), chunks);
    }

    @Test
    void aSinkThatSaysStopClosesTheUpstreamConnectionAndLeavesNoBusyTimer() throws Exception {
        CompletableFuture<IOException> serverWriteFailure = new CompletableFuture<>();
        handler = ex -> {
            try (OutputStream out = startEvents(ex)) {
                send(out, delta("First."));
                for (int i = 0; i < 1_000 && !release.await(20, TimeUnit.MILLISECONDS); i++) {
                    send(out, delta(" more"));
                }
                serverWriteFailure.complete(null);
            } catch (IOException e) {
                serverWriteFailure.complete(e);
            } catch (InterruptedException e) {
                serverWriteFailure.complete(null);
            }
        };
        OpenAiCompatibleProvider p = provider().build();
        stream(p, chunk -> {
            chunks.add(chunk);
            return false;
        });

        assertEquals(List.of("First."), chunks);
        IOException failure = serverWriteFailure.get(20, TimeUnit.SECONDS);
        assertTrue(failure != null, "the server's writes failed because the provider closed the connection");
        assertNoBusyTimerThread();
    }

    @Test
    void timersAreCancelledAfterManyStreams() throws Exception {
        handler = sends(delta("Again.") + DONE);
        OpenAiCompatibleProvider p = provider().build();
        for (int i = 0; i < 20; i++) {
            stream(p);
        }
        assertEquals(20, chunks.size());
        assertNoBusyTimerThread();
    }

    @Test
    void anInterruptDuringTheSinkStopsBeforeTheNextReadAsUnavailableAndKeepsTheFlag() {
        handler = ex -> {
            try (OutputStream out = startEvents(ex)) {
                send(out, delta("Hello"));
                awaitRelease();
            }
        };
        OpenAiCompatibleProvider p = provider().build();
        AiProviderException e = assertThrows(AiProviderException.class, () -> stream(p, chunk -> {
            chunks.add(chunk);
            Thread.currentThread().interrupt();
            return true;
        }));
        assertTrue(Thread.interrupted(), "interrupt flag kept (and cleared here)");
        assertEquals(AiProviderException.Kind.UNAVAILABLE, e.kind());
        assertEquals(List.of("Hello"), chunks);
    }

    @Test
    void rejectsANonPositiveIdleTimeout() {
        assertThrows(IllegalArgumentException.class, () -> provider().streamIdleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> provider().streamIdleTimeout(Duration.ofSeconds(-1)));
    }

    /** The timer thread may exist (it idles until its keep-alive ends) but must not be running anything. */
    private static void assertNoBusyTimerThread() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (busyTimerThreads() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(0, busyTimerThreads(), "no stream timer thread stays busy");
    }

    private static long busyTimerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(TIMER_THREAD))
                .filter(t -> t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.BLOCKED)
                .count();
    }
}
