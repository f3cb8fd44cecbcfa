package io.microai.cli.client;

import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final Duration timeout;
    private final Payers payers;

    public X402Client(HttpClient http, String gatewayUrl, Duration timeout) {
        this(http, gatewayUrl, timeout, Payers.standard());
    }

    X402Client(HttpClient http, String gatewayUrl, Duration timeout, Payers payers) {
        this.http = http;
        this.summarize = URI.create(GatewayApi.url(gatewayUrl, GatewayApi.SUMMARIZE_PATH));
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
        List<Step> steps = new ArrayList<>();
        Step challenge = send("request", post(body).build());
        steps.add(challenge);
        if (challenge.response().statusCode() != HttpURLConnection.HTTP_PAYMENT_REQUIRED) {
            return new Flow(steps, Optional.empty());
        }
        Map<String, String> payment;
        try {
            payment = payers.of(protocol).paymentHeaders(challenge.response(), wallet, withPayer, tamper);
        } catch (UnpayableChallenge e) {
            return new Flow(steps, Optional.of(e.getMessage()));
        }
        HttpRequest.Builder paid = retryAt.post(body);
        payment.forEach(paid::header);
        steps.add(send("paid retry", paid.build()));
        return new Flow(steps, Optional.empty());
    }

    /** Only the first, unpaid request: the 402 challenge path (or whatever the gateway answers instead). */
    public Flow challengeOnly(String text) throws IOException, InterruptedException {
        return new Flow(List.of(send("request", post(requestBody(text)).build())), Optional.empty());
    }

    static String requestBody(String text) throws IOException {
        return Json.MAPPER.writeValueAsString(Map.of("text", text));
    }

    private HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(summarize).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Step send(String description, HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Step(description, request, response, System.nanoTime() - start);
    }
}
