package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The client side of x402: POST, read the 402 challenge, sign its payment context, retry with the
 * payment headers. Each HTTP exchange is kept as a {@link Step} so callers can show or count them.
 */
public final class X402Client {
    private final HttpClient http;
    private final URI summarize;
    private final Duration timeout;

    public X402Client(HttpClient http, String gatewayUrl, Duration timeout) {
        this.http = http;
        this.summarize = URI.create(gatewayUrl.replaceFirst("/+$", "") + "/api/ai/summarize");
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
    }

    /**
     * Runs the whole flow. {@code signatureTamper} may alter the signature (load tests use it to send
     * invalid ones); {@code withPayer} adds {@code X-402-Payer} so the gateway binds the signer.
     */
    public Flow summarize(String text, Wallet wallet, boolean withPayer, UnaryOperator<String> signatureTamper)
            throws IOException, InterruptedException {
        return summarize(text, wallet, withPayer, signatureTamper, UnaryOperator.identity(), this);
    }

    /**
     * The flow with the paid retry sent to {@code retryAt} (another gateway of a fleet proves the nonce
     * store is shared), and with {@code nonceTamper} applied to the {@code X-402-Nonce} header.
     */
    Flow summarize(String text, Wallet wallet, boolean withPayer, UnaryOperator<String> signatureTamper,
                   UnaryOperator<String> nonceTamper, X402Client retryAt) throws IOException, InterruptedException {
        String body = Json.MAPPER.writeValueAsString(java.util.Map.of("text", text));
        List<Step> steps = new ArrayList<>();
        Step challenge = send("request", post(body).build());
        steps.add(challenge);
        if (challenge.response().statusCode() != 402) {
            return new Flow(steps);
        }
        PaymentContext context = paymentContext(challenge.response().body());
        String signature = signatureTamper.apply(wallet.sign(context));
        HttpRequest.Builder paid = retryAt.post(body)
                .header("X-402-Signature", signature)
                .header("X-402-Nonce", nonceTamper.apply(context.nonce()));
        if (withPayer) {
            paid.header("X-402-Payer", wallet.address());
        }
        steps.add(send("paid retry", paid.build()));
        return new Flow(steps);
    }

    /** Only the first, unpaid request: the 402 challenge path (or whatever the gateway answers instead). */
    public Flow challengeOnly(String text) throws IOException, InterruptedException {
        String body = Json.MAPPER.writeValueAsString(java.util.Map.of("text", text));
        return new Flow(List.of(send("request", post(body).build())));
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
