package io.microai.gateway.payment.facilitator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.payment.facilitator.FacilitatorUnavailableException.Kind;
import io.microai.shared.api.SettlementLabels;
import io.microai.shared.http.CappedBodySubscriber;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The x402 facilitator HTTP API: {@code GET /supported}, {@code POST /verify}, {@code POST /settle}, with the
 * request bodies the official {@code HTTPFacilitatorClient} sends,
 * {@code {"x402Version","paymentPayload","paymentRequirements"}}. Every call is bounded as a whole (connect,
 * headers and body) by {@code FACILITATOR_TIMEOUT_SECONDS}, reads at most {@value #MAX_RESPONSE_BYTES} bytes,
 * and is timed in {@code gateway_facilitator_request_duration_seconds}.
 *
 * <p>A refusal may come with any status: like the official client, a non-2xx answer whose body carries
 * {@code isValid} (verify) or {@code success} (settle) is the facilitator's decision, not an outage.
 */
public final class FacilitatorClient {
    static final long MAX_RESPONSE_BYTES = 256 * 1024;
    private static final Pattern TRANSACTION = Pattern.compile("0x[0-9a-fA-F]{64}");

    private final HttpClient http;
    private final FacilitatorSettings settings;
    private final GatewayMetrics metrics;
    /** Whether the last call got an answer (a refusal included); false until the first one does. */
    private volatile boolean reachable;

    public FacilitatorClient(HttpClient http, FacilitatorSettings settings, GatewayMetrics metrics) {
        this.http = http;
        this.settings = settings;
        this.metrics = metrics;
    }

    public FacilitatorSettings settings() {
        return settings;
    }

    /** Whether the facilitator answered the last call made to it, of any operation. */
    public boolean reachable() {
        return reachable;
    }

    private void record(String operation, String outcome, long start) {
        reachable = SettlementLabels.CALL_OK.equals(outcome) || SettlementLabels.CALL_REFUSED.equals(outcome);
        metrics.facilitatorCall(operation, outcome, System.nanoTime() - start);
    }

    /** {@code GET /supported}'s {@code kinds}. */
    public SupportedKinds supported() throws FacilitatorUnavailableException, InterruptedException {
        long start = System.nanoTime();
        try {
            Answer answer = send(SettlementLabels.SUPPORTED, null);
            if (answer.status / 100 != 2 || answer.json == null || !answer.json.path("kinds").isArray()) {
                throw new FacilitatorUnavailableException(answer.status / 100 == 5 ? Kind.UNAVAILABLE : Kind.BAD_RESPONSE,
                        "GET /supported answered " + answer.status + " without a kinds list");
            }
            SupportedKinds kinds = SupportedKinds.of(answer.json.get("kinds"));
            record(SettlementLabels.SUPPORTED, SettlementLabels.CALL_OK, start);
            return kinds;
        } catch (FacilitatorUnavailableException e) {
            record(SettlementLabels.SUPPORTED, e.kind().label(), start);
            throw e;
        }
    }

    /** {@code POST /verify}: whether the facilitator would settle this payment (balance, nonce state, simulation). */
    public Verdict verify(int x402Version, String paymentPayloadJson, ObjectNode requirements)
            throws FacilitatorUnavailableException, InterruptedException {
        return decide(SettlementLabels.VERIFY, "isValid", "invalidReason", x402Version, paymentPayloadJson, requirements);
    }

    /** {@code POST /settle}: submit the transfer; an accepted verdict carries the transaction hash. */
    public Verdict settle(int x402Version, String paymentPayloadJson, ObjectNode requirements)
            throws FacilitatorUnavailableException, InterruptedException {
        return decide(SettlementLabels.SETTLE, "success", "errorReason", x402Version, paymentPayloadJson, requirements);
    }

    private Verdict decide(String operation, String flag, String reasonField, int x402Version, String payloadJson,
                           ObjectNode requirements) throws FacilitatorUnavailableException, InterruptedException {
        long start = System.nanoTime();
        try {
            Verdict verdict = interpret(operation, flag, reasonField, send(operation, body(x402Version, payloadJson, requirements)));
            record(operation, verdict.accepted() ? SettlementLabels.CALL_OK : SettlementLabels.CALL_REFUSED, start);
            return verdict;
        } catch (FacilitatorUnavailableException e) {
            record(operation, e.kind().label(), start);
            throw e;
        }
    }

    static Verdict interpret(String operation, String flag, String reasonField, Answer answer) throws FacilitatorUnavailableException {
        JsonNode decision = answer.json == null ? null : answer.json.get(flag);
        boolean ok = answer.status / 100 == 2;
        if (decision == null || !decision.isBoolean()) {
            throw new FacilitatorUnavailableException(ok || answer.status / 100 == 4 ? Kind.BAD_RESPONSE : Kind.UNAVAILABLE,
                    operation + " answered " + answer.status + " without a boolean " + flag);
        }
        if (!decision.booleanValue() || !ok) {
            JsonNode reason = answer.json.get(reasonField);
            return Verdict.refused(reason != null && reason.isTextual() ? reason.textValue() : null);
        }
        if (!SettlementLabels.SETTLE.equals(operation)) {
            return Verdict.accepted(Optional.empty());
        }
        JsonNode transaction = answer.json.get("transaction");
        if (transaction == null || !transaction.isTextual() || !TRANSACTION.matcher(transaction.textValue()).matches()) {
            throw new FacilitatorUnavailableException(Kind.BAD_RESPONSE, "settle reported success without a transaction hash");
        }
        return Verdict.accepted(Optional.of(transaction.textValue().toLowerCase(java.util.Locale.ROOT)));
    }

    /** The body the official server sends: the client's payload as it decoded it, and the requirements it matched. */
    static byte[] body(int x402Version, String payloadJson, ObjectNode requirements) {
        try {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("x402Version", x402Version);
            body.set("paymentPayload", Json.MAPPER.readTree(payloadJson));
            body.set("paymentRequirements", requirements);
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payload that was decoded could not be written again", e);
        }
    }

    record Answer(int status, JsonNode json) {
    }

    /** One call with one deadline; {@code body} null is a GET. */
    private Answer send(String operation, byte[] body) throws FacilitatorUnavailableException, InterruptedException {
        URI uri = settings.endpoint(operation);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", "application/json");
        settings.header().ifPresent(h -> request.header(h.name(), h.value()));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request.build(),
                info -> new CappedBodySubscriber(MAX_RESPONSE_BYTES, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        HttpResponse<byte[]> response;
        try {
            response = call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new FacilitatorUnavailableException(Kind.TIMEOUT,
                    operation + " did not answer within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new FacilitatorUnavailableException(Kind.TIMEOUT,
                        operation + " did not answer within " + settings.timeout().toMillis() + " ms");
            }
            if (cause instanceof CappedBodySubscriber.TooLarge || (cause instanceof IOException && cause.getCause() instanceof CappedBodySubscriber.TooLarge)) {
                throw new FacilitatorUnavailableException(Kind.BAD_RESPONSE, operation + "'s answer is too large");
            }
            throw new FacilitatorUnavailableException(Kind.UNAVAILABLE, operation + ": the facilitator is unreachable");
        }
        JsonNode json;
        try {
            json = response.body().length == 0 ? null : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Answer(response.statusCode(), json != null && json.isObject() ? json : null);
    }
}
