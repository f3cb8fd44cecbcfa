package io.microai.gateway.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.http.VerificationFailure;
import io.microai.shared.http.CappedBodySubscriber;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Calls the verifier's {@code POST /verify} over one keep-alive HTTP client and turns every answer —
 * including silence — into an {@link Outcome}. The verifier's status is checked: only a 200 with
 * {@code is_valid:true} and an address is a recovered signer.
 */
public final class VerifierClient {
    /** Refusals that are the signature's fault, not the verifier's. */
    private static final Set<String> SIGNATURE_REFUSALS = Set.of("malformed_signature", "invalid_v", "invalid_r_s",
            "high_s", "recovery_failed");
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpClient client;
    private final URI verifyUri;
    private final URI healthUri;
    private final Duration timeout;

    public VerifierClient(HttpClient client, String verifierUrl, Duration timeout) {
        this.client = client;
        this.verifyUri = URI.create(verifierUrl + "/verify");
        this.healthUri = URI.create(verifierUrl + "/health");
        this.timeout = timeout;
    }

    /** The signer, or why there is none. Exactly one of address/failure is set. */
    public record Outcome(String address, VerificationFailure failure, String detail) {
        static Outcome recovered(String address) {
            return new Outcome(address, null, null);
        }

        static Outcome failed(VerificationFailure failure, String detail) {
            return new Outcome(null, failure, detail);
        }
    }

    public Outcome verify(IssuedPayment payment, String signature, String correlationId) throws InterruptedException {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("recipient", payment.recipient());
        context.put("token", payment.token());
        context.put("amount", payment.amount());
        context.put("nonce", payment.nonce());
        context.put("chainId", payment.chainId());
        Map<String, Object> body = Map.of("context", context, "signature", signature);
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(verifyUri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Correlation-ID", correlationId)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                    .build();
            response = client.send(request, info -> new CappedBodySubscriber(MAX_RESPONSE_BYTES, -1));
        } catch (HttpTimeoutException e) {
            return Outcome.failed(VerificationFailure.VERIFIER_TIMEOUT, "the verifier did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            if (e.getCause() instanceof CappedBodySubscriber.TooLarge) {
                return Outcome.failed(VerificationFailure.VERIFIER_BAD_RESPONSE, "the verifier's answer is too large");
            }
            return Outcome.failed(VerificationFailure.VERIFIER_UNAVAILABLE, "the verifier is unreachable");
        }
        return interpret(response.statusCode(), response.body());
    }

    static Outcome interpret(int status, byte[] body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Outcome.failed(VerificationFailure.VERIFIER_BAD_RESPONSE, "the verifier answered " + status + " with a body that is not JSON");
        }
        if (json == null || !json.isObject()) {
            return Outcome.failed(VerificationFailure.VERIFIER_BAD_RESPONSE, "the verifier answered " + status + " without a JSON object");
        }
        if (status == 200 && json.path("is_valid").asBoolean(false)) {
            String address = json.path("recovered_address").asText("");
            if (address.matches("0x[0-9a-fA-F]{40}")) {
                return Outcome.recovered(address);
            }
            return Outcome.failed(VerificationFailure.VERIFIER_BAD_RESPONSE, "the verifier reported success without an address");
        }
        String code = json.path("error_code").asText("");
        if (status == 400 && SIGNATURE_REFUSALS.contains(code)) {
            return Outcome.failed(VerificationFailure.INVALID_SIGNATURE, "the signature was refused: " + code);
        }
        return Outcome.failed(VerificationFailure.VERIFIER_BAD_RESPONSE,
                "the verifier answered " + status + (code.isEmpty() ? "" : " (" + code + ")"));
    }

    /** For /readyz: is the verifier answering its health check? */
    public boolean healthy(Duration probeTimeout) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(healthUri).timeout(probeTimeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
