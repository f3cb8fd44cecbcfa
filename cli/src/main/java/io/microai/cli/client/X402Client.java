package io.microai.cli.client;

import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client side of the pay-per-request flow: POST, read the 402 challenge, pay it in the chosen protocol,
 * retry with the payment headers. Each HTTP exchange is kept as a {@link Step} so callers can show or count them.
 */
public final class X402Client {
    /** HIT or MISS on a paid answer when the gateway's cache is on. */
    static final String CACHE_HEADER = "X-Cache";

    private final HttpClient http;
    private final URI summarize;
    private final URI summarizeStream;
    private final Duration timeout;
    private final Payers payers;

    public X402Client(HttpClient http, String gatewayUrl, Duration timeout) {
        this(http, gatewayUrl, timeout, Payers.standard());
    }

    X402Client(HttpClient http, String gatewayUrl, Duration timeout, Payers payers) {
        this.http = http;
        this.summarize = URI.create(GatewayApi.url(gatewayUrl, GatewayApi.SUMMARIZE_PATH));
        this.summarizeStream = URI.create(GatewayApi.url(gatewayUrl, GatewayApi.SUMMARIZE_STREAM_PATH));
        this.timeout = timeout;
        this.payers = payers;
    }

    /** One request and its answer. */
    public record Step(String description, HttpRequest request, HttpResponse<String> response, long nanos) {
    }

    /**
     * The steps taken; the last one is the final answer.
     *
     * @param unpayable why a 402 was not paid, when the challenge could not be answered in the protocol asked for
     */
    public record Flow(List<Step> steps, Optional<String> unpayable) {
        public HttpResponse<String> last() {
            return steps.get(steps.size() - 1).response();
        }

        /** The paid retry, when the challenge was a 402 and the flow went on to pay. */
        Optional<Step> paidRetry() {
            return steps.size() > 1 ? Optional.of(steps.get(1)) : Optional.empty();
        }
    }

    /** Runs the whole flow in {@code protocol}; {@code withPayer} names the payer where the protocol leaves it optional. */
    public Flow summarize(PaymentProtocol protocol, String text, Wallet wallet, boolean withPayer)
            throws IOException, InterruptedException {
        return summarize(protocol, text, wallet, withPayer, Tamper.NONE, this);
    }

    /**
     * The flow with the paid retry sent to {@code retryAt} (another gateway of a fleet proves the payment state
     * is shared), and with {@code tamper} applied to the payment.
     */
    Flow summarize(PaymentProtocol protocol, String text, Wallet wallet, boolean withPayer, Tamper tamper, X402Client retryAt)
            throws IOException, InterruptedException {
        String body = requestBody(text);
        Challenged challenged = challenge(summarize, protocol, body, wallet, withPayer, tamper);
        if (challenged.payment().isEmpty()) {
            return new Flow(challenged.steps(), challenged.unpayable());
        }
        HttpRequest.Builder paid = retryAt.post(retryAt.summarize, body);
        challenged.payment().get().forEach(paid::header);
        List<Step> steps = new ArrayList<>(challenged.steps());
        steps.add(send("paid retry", paid.build()));
        return new Flow(steps, Optional.empty());
    }

    /**
     * The paid retry of the stream route, its answer still unread: {@code body} is exactly the request bytes sent
     * (what the receipt's request hash covers), {@code sentNanos} the {@link System#nanoTime()} it was sent at.
     * Read {@code response.body()} to its end or close it.
     */
    public record PaidStream(HttpRequest request, byte[] body, HttpResponse<InputStream> response, long sentNanos) {
    }

    /**
     * The stream route's flow: the steps before the stream (the challenge, answered as JSON like the plain
     * route's), and the paid retry when the challenge was a 402 that could be paid.
     */
    public record StreamFlow(List<Step> steps, Optional<String> unpayable, Optional<PaidStream> paid) {
    }

    /** The stream route's flow in {@code protocol}; the caller reads the paid answer as it arrives. */
    public StreamFlow summarizeStream(PaymentProtocol protocol, String text, Wallet wallet, boolean withPayer)
            throws IOException, InterruptedException {
        String body = requestBody(text);
        Challenged challenged = challenge(summarizeStream, protocol, body, wallet, withPayer, Tamper.NONE);
        if (challenged.payment().isEmpty()) {
            return new StreamFlow(challenged.steps(), challenged.unpayable(), Optional.empty());
        }
        HttpRequest.Builder paid = post(summarizeStream, body).header("Accept", "text/event-stream");
        challenged.payment().get().forEach(paid::header);
        HttpRequest request = paid.build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        return new StreamFlow(challenged.steps(), Optional.empty(),
                Optional.of(new PaidStream(request, body.getBytes(StandardCharsets.UTF_8), response, sent)));
    }

    /**
     * The unpaid request and, when its answer is a 402 this client can pay, the payment headers of the retry.
     *
     * @param unpayable why a 402 was not paid
     */
    private record Challenged(List<Step> steps, Optional<Map<String, String>> payment, Optional<String> unpayable) {
    }

    private Challenged challenge(URI uri, PaymentProtocol protocol, String body, Wallet wallet, boolean withPayer, Tamper tamper)
            throws IOException, InterruptedException {
        Step challenge = send("request", post(uri, body).build());
        List<Step> steps = List.of(challenge);
        if (challenge.response().statusCode() != HttpURLConnection.HTTP_PAYMENT_REQUIRED) {
            return new Challenged(steps, Optional.empty(), Optional.empty());
        }
        try {
            return new Challenged(steps, Optional.of(payers.of(protocol).paymentHeaders(challenge.response(), wallet, withPayer, tamper)),
                    Optional.empty());
        } catch (UnpayableChallenge e) {
            return new Challenged(steps, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** Only the first, unpaid request: the 402 challenge path (or whatever the gateway answers instead). */
    public Flow challengeOnly(String text) throws IOException, InterruptedException {
        return new Flow(List.of(send("request", post(summarize, requestBody(text)).build())), Optional.empty());
    }

    static String requestBody(String text) throws IOException {
        return Json.MAPPER.writeValueAsString(Map.of("text", text));
    }

    private HttpRequest.Builder post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Step send(String description, HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Step(description, request, response, System.nanoTime() - start);
    }
}
