package io.microai.gateway.ai;

import io.microai.shared.http.CappedBodySubscriber;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Provider for any server that speaks the OpenAI {@code /chat/completions} API: OpenRouter, Ollama's
 * {@code /v1} endpoint, vLLM, llama.cpp and so on. Built with {@link #builder(String)}.
 *
 * <p>Every call is bounded twice: in time (the whole exchange, headers and body, must finish within
 * {@code requestTimeout}) and in space (the body is read with a byte cap). Both guard the gateway's
 * worker threads and heap against a slow or hostile upstream.
 *
 * <p>{@link #stream} asks for the same completion as Server-Sent Events and hands each delta on as it
 * arrives. It is bounded the same way, plus an idle limit: {@code requestTimeout} covers the whole stream,
 * {@code maxResponseBytes} all the bytes streamed, {@link #MAX_EVENT_BYTES} each event, and
 * {@code streamIdleTimeout} each wait for the next bytes.
 */
public final class OpenAiCompatibleProvider implements AiProvider {

    public static final String OPENROUTER_BASE_URL = "https://openrouter.ai/api/v1";
    public static final String OLLAMA_BASE_URL = "http://localhost:11434/v1";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(15);
    /** Bound on one SSE event (all its lines): a delta event is a few hundred bytes. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    static final String PROMPT_PREFIX = "Summarize this text in 2 sentences: ";

    // Correlation ids come from clients; anything outside this shape is dropped rather than forwarded,
    // which also rules out header injection.
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String model;
    private final URI completionsUri;
    private final URI modelsUri;
    private final String apiKey;
    private final String referer;
    private final String title;
    private final Duration requestTimeout;
    private final HttpResponse.BodyHandler<byte[]> bodyHandler;
    private final int maxResponseBytes;
    private final Duration streamIdleTimeout;
    private final ScheduledThreadPoolExecutor streamTimers;
    private final HttpClient client;

    private OpenAiCompatibleProvider(Builder b) {
        this.name = b.name;
        this.model = b.model;
        String base = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.completionsUri = URI.create(base + "/chat/completions");
        this.modelsUri = URI.create(base + "/models");
        if (completionsUri.getScheme() == null || !completionsUri.getScheme().matches("https?")) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + b.baseUrl);
        }
        this.apiKey = b.apiKey == null || b.apiKey.isBlank() ? null : b.apiKey.strip();
        this.referer = b.referer;
        this.title = b.title;
        this.requestTimeout = b.requestTimeout;
        this.bodyHandler = CappedBodySubscriber.successBodyUpTo(b.maxResponseBytes);
        this.maxResponseBytes = b.maxResponseBytes;
        this.streamIdleTimeout = b.streamIdleTimeout;
        this.streamTimers = streamTimers(b.name);
        this.client = b.httpClient != null ? b.httpClient : defaultClient(b.requestTimeout);
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /**
     * One client per provider so connections are pooled and kept alive across requests. HTTP/1.1 is pinned
     * because local OpenAI-compatible servers (Ollama, llama.cpp) often mishandle the h2c upgrade the JDK
     * attempts on plain-http URLs; TLS endpoints lose little since each pooled connection is reused.
     */
    static HttpClient defaultClient(Duration requestTimeout) {
        Duration connect = requestTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? requestTimeout : Duration.ofSeconds(10);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * One timer thread per provider, shared by all its streams and started only when a stream needs it. It is
     * a daemon and lets itself end when idle, so a provider that is dropped leaves no thread behind.
     */
    private static ScheduledThreadPoolExecutor streamTimers(String name) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ai-stream-timer-" + name);
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setKeepAliveTime(30, TimeUnit.SECONDS);
        timers.allowCoreThreadTimeOut(true);
        return timers;
    }

    @Override
    public String summarize(String text, String correlationId) throws AiProviderException {
        HttpRequest request = completionRequest(text, correlationId, false);
        HttpResponse<byte[]> response = exchange(request, bodyHandler, requestTimeout);
        failUnlessSuccess(response.statusCode());
        return extractContent(response.body());
    }

    /**
     * Streams the completion. Chunks already handed on stay handed on when a later part fails. When the
     * sink says stop, the response body is closed at once, which drops the upstream connection so the
     * model stops generating for nobody.
     */
    @Override
    public void stream(String text, String correlationId, ChunkSink sink) throws AiProviderException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        HttpResponse<InputStream> response = exchange(completionRequest(text, correlationId, true),
                HttpResponse.BodyHandlers.ofInputStream(), requestTimeout);
        try (InputStream body = response.body()) {
            failUnlessSuccess(response.statusCode());
            CompletionDeltas deltas = new CompletionDeltas(name, sink);
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            try (StreamWatchdog watchdog = StreamWatchdog.start(streamTimers, body, streamIdleTimeout, remaining)) {
                if (isJson(response)) {
                    deltas.offerWhole(extractContent(readCapped(body, watchdog)));
                } else {
                    readEvents(body, deltas, watchdog);
                }
            }
            deltas.checkEnded();
        } catch (IOException closeFailed) {
            // only close() can get here; the stream's outcome is already decided
        }
    }

    /** Number of stream timers still queued; zero whenever no stream is running. */
    int pendingStreamTimers() {
        return streamTimers.getQueue().size();
    }

    private void readEvents(InputStream body, CompletionDeltas deltas, StreamWatchdog watchdog) throws AiProviderException {
        SseEventParser parser = new SseEventParser(MAX_EVENT_BYTES, deltas);
        byte[] buffer = new byte[8192];
        long total = 0;
        while (true) {
            int n = read(body, buffer, watchdog);
            if (n < 0) {
                return;
            }
            // Bytes up to the cap are still parsed, so every event that fit is handed on before the failure.
            int allowed = (int) Math.min(n, maxResponseBytes - total);
            total += n;
            try {
                if (!parser.feed(buffer, 0, allowed)) {
                    return;
                }
            } catch (SseEventParser.TooLarge e) {
                throw new AiProviderException(AiProviderException.Kind.BAD_RESPONSE, name + " stream " + e.getMessage());
            }
            if (allowed < n) {
                throw new AiProviderException(AiProviderException.Kind.BAD_RESPONSE,
                        name + " stream larger than " + maxResponseBytes + " bytes");
            }
        }
    }

    private byte[] readCapped(InputStream body, StreamWatchdog watchdog) throws AiProviderException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = read(body, buffer, watchdog)) >= 0) {
            if (out.size() + n > maxResponseBytes) {
                throw new AiProviderException(AiProviderException.Kind.BAD_RESPONSE,
                        name + " body larger than " + maxResponseBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * One blocking read under the watchdog; a read the watchdog cut short is reported as its timeout.
     *
     * <p>The interrupt flag is checked before each read because the JDK 17 response stream swallows an
     * interrupt that arrives while it blocks; such a read ends only with data or one of the watchdog's limits.
     */
    private int read(InputStream body, byte[] buffer, StreamWatchdog watchdog) throws AiProviderException {
        if (Thread.currentThread().isInterrupted()) {
            throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, name + " call interrupted");
        }
        int n;
        IOException failure = null;
        watchdog.beforeRead();
        try {
            n = body.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            n = -1;
            failure = e;
        } finally {
            watchdog.afterRead();
        }
        StreamWatchdog.Expiry expiry = watchdog.expired();
        if (expiry == StreamWatchdog.Expiry.IDLE) {
            throw new AiProviderException(AiProviderException.Kind.TIMEOUT,
                    name + " sent nothing for " + streamIdleTimeout.toMillis() + " ms", failure);
        }
        if (expiry == StreamWatchdog.Expiry.TOTAL) {
            throw new AiProviderException(AiProviderException.Kind.TIMEOUT,
                    name + " did not finish within " + requestTimeout.toMillis() + " ms", failure);
        }
        if (failure != null) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, name + " call interrupted", failure);
            }
            throw classify(failure);
        }
        return n;
    }

    private static boolean isJson(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type")
                .map(type -> type.strip().toLowerCase(Locale.ROOT).startsWith("application/json"))
                .orElse(false);
    }

    private void failUnlessSuccess(int status) throws AiProviderException {
        if (status < 200 || status > 299) {
            throw new AiProviderException(AiProviderException.Kind.BAD_RESPONSE,
                    name + " returned HTTP " + status, status, null);
        }
    }

    private HttpRequest completionRequest(String text, String correlationId, boolean stream) throws AiProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(completionsUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody(text, stream)));
        commonHeaders(request);
        if (correlationId != null && SAFE_CORRELATION_ID.matcher(correlationId).matches()) {
            request.header("X-Correlation-ID", correlationId);
        }
        return request.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return model;
    }

    /** Probes {@code GET {baseUrl}/models}, which OpenRouter, Ollama and vLLM all serve cheaply. */
    @Override
    public Readiness checkReady(Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(modelsUri).timeout(timeout).GET();
        commonHeaders(request);
        try {
            int status = exchange(request.build(), bodyHandler, timeout).statusCode();
            return status >= 200 && status <= 299 ? Readiness.ok() : Readiness.notReady("status " + status);
        } catch (AiProviderException e) {
            return Readiness.notReady(e.kind() == AiProviderException.Kind.TIMEOUT ? "timeout" : "unreachable");
        }
    }

    private void commonHeaders(HttpRequest.Builder request) {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (referer != null) {
            request.header("HTTP-Referer", referer);
        }
        if (title != null) {
            request.header("X-Title", title);
        }
    }

    private byte[] requestBody(String text, boolean stream) throws AiProviderException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", PROMPT_PREFIX + (text == null ? "" : text));
        if (stream) {
            body.put("stream", true);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new AiProviderException(AiProviderException.Kind.BAD_RESPONSE, "could not encode request", e);
        }
    }

    /**
     * Sends asynchronously and waits with a deadline: {@link HttpRequest#timeout} alone only covers the wait
     * for response headers, while a trickling body must also be cut off. Cancelling the future aborts the
     * exchange so the connection is not left reading in the background.
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration deadline)
            throws AiProviderException {
        CompletableFuture<HttpResponse<T>> future = client.sendAsync(request, handler);
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AiProviderException(AiProviderException.Kind.TIMEOUT,
                    name + " did not answer within " + deadline.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, name + " call interrupted", e);
        } catch (CancellationException e) {
            throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, name + " call cancelled", e);
        } catch (ExecutionException e) {
            throw classify(e.getCause() == null ? e : e.getCause());
        }
    }

    private AiProviderException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return new AiProviderException(AiProviderException.Kind.TIMEOUT,
                        name + " did not answer in time", failure);
            }
            if (t instanceof CappedBodySubscriber.TooLarge) {
                return new AiProviderException(AiProviderException.Kind.BAD_RESPONSE,
                        name + " " + t.getMessage(), failure);
            }
            if (t instanceof ConnectException) {
                return new AiProviderException(AiProviderException.Kind.UNAVAILABLE,
                        name + " refused the connection", failure);
            }
        }
        String what = failure instanceof IOException ? "I/O error" : "unexpected client error";
        return new AiProviderException(AiProviderException.Kind.UNAVAILABLE,
                name + " " + what + " (" + failure.getClass().getSimpleName() + ")", failure);
    }

    private String extractContent(byte[] body) throws AiProviderException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw bad("malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw bad("response is not a JSON object");
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw bad("no choices");
        }
        JsonNode message = choices.get(0).get("message");
        if (message == null || !message.isObject()) {
            throw bad("malformed message");
        }
        JsonNode content = message.get("content");
        if (content == null || !content.isTextual() || content.asText().isBlank()) {
            throw bad("missing content");
        }
        return content.asText().strip();
    }

    private AiProviderException bad(String what) {
        // Deliberately no cause: Jackson messages quote the offending input, i.e. upstream body bytes.
        return new AiProviderException(AiProviderException.Kind.BAD_RESPONSE, name + " response: " + what);
    }

    /** Settings for {@link OpenAiCompatibleProvider}; defaults target OpenRouter. */
    public static final class Builder {
        private final String model;
        private String name = "openrouter";
        private String baseUrl = OPENROUTER_BASE_URL;
        private String apiKey;
        private String referer = "https://microai.paygate";
        private String title = "MicroAI Paygate";
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;
        private HttpClient httpClient;

        private Builder(String model) {
            this.model = requireText(model, "model");
        }

        /** Provider id for logs and readiness, e.g. {@code openrouter} or {@code ollama}. */
        public Builder name(String name) {
            this.name = requireText(name, "name");
            return this;
        }

        /** Base URL without {@code /chat/completions}, e.g. {@link #OLLAMA_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = requireText(baseUrl, "baseUrl").strip();
            return this;
        }

        /** Bearer token; null or blank sends no {@code Authorization} header (Ollama needs none). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** {@code HTTP-Referer} value (OpenRouter app attribution); null omits the header. */
        public Builder referer(String referer) {
            this.referer = referer;
            return this;
        }

        /** {@code X-Title} value (OpenRouter app attribution); null omits the header. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isZero() || requestTimeout.isNegative()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxResponseBytes(int maxResponseBytes) {
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be >= 1");
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** How long a stream may wait for its next bytes before it fails with {@code TIMEOUT}. */
        public Builder streamIdleTimeout(Duration streamIdleTimeout) {
            Objects.requireNonNull(streamIdleTimeout, "streamIdleTimeout");
            if (streamIdleTimeout.isZero() || streamIdleTimeout.isNegative()) {
                throw new IllegalArgumentException("streamIdleTimeout must be positive");
            }
            this.streamIdleTimeout = streamIdleTimeout;
            return this;
        }

        /** Shares an existing client (and its connection pool); by default one is built per provider. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public OpenAiCompatibleProvider build() {
            return new OpenAiCompatibleProvider(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
