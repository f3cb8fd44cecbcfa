package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.eip712.PaymentContext;
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
import java.util.function.UnaryOperator;

/**
 * The client side of x402: POST, read the 402 challenge, sign its payment context, retry with the
 * payment headers. Each HTTP exchange is kept as a {@link Step} so callers can show or count them.
 */
public final class X402Client {
    static final String SIGNATURE_HEADER = "X-402-Signature";
    static final String NONCE_HEADER = "X-402-Nonce";
    static final String PAYER_HEADER = "X-402-Payer";
    /** HIT or MISS on a paid answer when the gateway's cache is on. */
    static final String CACHE_HEADER = "X-Cache";

    private final HttpClient http;
    private final URI summarize;
    private final Duration timeout;

    public X402Client(HttpClient http, String gatewayUrl, Duration timeout) {
        this.http = http;
        this.summarize = URI.create(GatewayApi.url(gatewayUrl, GatewayApi.SUMMARIZE_PATH));
        this.timeout = timeout;
    }

    /** One request and its answer. */
    public record Step(String description, HttpRequest request, HttpResponse<String> response, long nanos) {
    }

    /** The steps taken; the last one is the final answer. */
    public record Flow(List<Step> steps) {
        public HttpResponse<String> last() {
            return steps.get(steps.size() - 1).response();
        }

        /** The paid retry, when the challenge was a 402 and the flow went on to pay. */
        Optional<Step> paidRetry() {
            return steps.size() > 1 ? Optional.of(steps.get(1)) : Optional.empty();
        }
    }

    /**
     * Runs the whole flow. {@code signatureTamper} may alter the signature (load tests use it to send
     * invalid ones); {@code withPayer} adds {@code X-402-Payer} so the gateway binds the signer.
     */
    public Flow summarize(String text, Wallet wallet, boolean withPayer, UnaryOperator<String> signatureTamper)
            throws IOException, InterruptedException {
        return summarize(text, wallet, withPayer, new Tamper(signatureTamper, UnaryOperator.identity()), this);
    }

    /**
     * The flow with the paid retry sent to {@code retryAt} (another gateway of a fleet proves the nonce
     * store is shared), and with {@code tamper} applied to the payment headers.
     */
    Flow summarize(String text, Wallet wallet, boolean withPayer, Tamper tamper, X402Client retryAt)
            throws IOException, InterruptedException {
        String body = requestBody(text);
        List<Step> steps = new ArrayList<>();
        Step challenge = send("request", post(body).build());
        steps.add(challenge);
        if (challenge.response().statusCode() != HttpURLConnection.HTTP_PAYMENT_REQUIRED) {
            return new Flow(steps);
        }
        PaymentContext context = paymentContext(challenge.response().body());
        HttpRequest.Builder paid = retryAt.post(body)
                .header(SIGNATURE_HEADER, tamper.signature().apply(wallet.sign(context)))
                .header(NONCE_HEADER, tamper.nonce().apply(context.nonce()));
        if (withPayer) {
            paid.header(PAYER_HEADER, wallet.address());
        }
        steps.add(send("paid retry", paid.build()));
        return new Flow(steps);
    }

    /** Only the first, unpaid request: the 402 challenge path (or whatever the gateway answers instead). */
    public Flow challengeOnly(String text) throws IOException, InterruptedException {
        return new Flow(List.of(send("request", post(requestBody(text)).build())));
    }

    private static String requestBody(String text) throws IOException {
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

    static PaymentContext paymentContext(String challengeBody) throws IOException {
        JsonNode context = Json.MAPPER.readTree(challengeBody).path("paymentContext");
        if (!context.isObject()) {
            throw new IOException("the 402 answer has no paymentContext");
        }
        return new PaymentContext(context.path("recipient").asText(), context.path("token").asText(),
                context.path("amount").asText(), context.path("nonce").asText(), context.path("chainId").bigIntegerValue());
    }
}
