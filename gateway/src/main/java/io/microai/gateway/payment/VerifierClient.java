package io.microai.gateway.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.metrics.VerificationFailure;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.http.CappedBodySubscriber;
import io.microai.shared.http.Json;
import io.microai.shared.verify.AuthorizationVerifyRequest;
import io.microai.shared.verify.RefusalCode;
import io.microai.shared.verify.VerifyRequest;
import io.microai.shared.verify.VerifyResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the verifier's {@code POST /verify} and {@code POST /verify/authorization} over one keep-alive
 * HTTP client and turns every answer — including silence — into an {@link Outcome}, the same way for
 * both routes. The requests and the answer are the shared wire types, and a refusal is classified
 * by the shared {@link RefusalCode}: only a code that is the signature's fault, with the status the
 * verifier gives that code, is the client's bad payment; anything else the verifier says is an
 * unusable answer. Only a 200 with {@code is_valid:true} and an address is a recovered signer.
 */
public final class VerifierClient {
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpClient client;
    private final URI verifyUri;
    private final URI verifyAuthorizationUri;
    private final URI healthUri;
    private final Duration timeout;

    public VerifierClient(HttpClient client, String verifierUrl, Duration timeout) {
        this.client = client;
        this.verifyUri = URI.create(verifierUrl + VerifierApi.VERIFY_PATH);
        this.verifyAuthorizationUri = URI.create(verifierUrl + VerifierApi.VERIFY_AUTHORIZATION_PATH);
        this.healthUri = URI.create(verifierUrl + VerifierApi.HEALTH_PATH);
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

    /** The /verify body for a signature over the context {@code payment} was issued with. */
    static VerifyRequest request(IssuedPayment payment, String signature) {
        return new VerifyRequest(new VerifyRequest.Context(payment.recipient(), payment.token(), payment.amount(),
                payment.nonce(), BigInteger.valueOf(payment.chainId())), signature);
    }

    public Outcome verify(IssuedPayment payment, String signature, String correlationId) throws InterruptedException {
        return send(verifyUri, request(payment, signature), correlationId);
    }

    /** The /verify/authorization body for an EIP-3009 authorization under its token's domain. */
    static AuthorizationVerifyRequest authorizationRequest(TokenDomain domain, TransferWithAuthorization message, String signature) {
        return new AuthorizationVerifyRequest(AuthorizationVerifyRequest.Domain.of(domain),
                AuthorizationVerifyRequest.Message.of(message), signature);
    }

    /**
     * The signer of an EIP-3009 authorization. The verifier only recovers: whether the signer is the
     * authorization's {@code from} is the caller's to judge, so "signed by someone else" is a recovered
     * address here, not a failure.
     */
    public Outcome verifyAuthorization(TokenDomain domain, TransferWithAuthorization message, String signature, String correlationId)
            throws InterruptedException {
        return send(verifyAuthorizationUri, authorizationRequest(domain, message, signature), correlationId);
    }

    private Outcome send(URI uri, Object body, String correlationId) throws InterruptedException {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
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
        VerifyResponse answer;
        try {
            answer = Json.MAPPER.treeToValue(json, VerifyResponse.class);
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.failed(VerificationFailure.VERIFIER_BAD_RESPONSE, "the verifier answered " + status + " with fields of the wrong type");
        }
        if (status == 200 && answer.valid()) {
            String address = answer.recoveredAddress();
            if (address != null && address.matches("0x[0-9a-fA-F]{40}")) {
                return Outcome.recovered(address);
            }
            return Outcome.failed(VerificationFailure.VERIFIER_BAD_RESPONSE, "the verifier reported success without an address");
        }
        String code = answer.errorCode() == null ? "" : answer.errorCode();
        Optional<RefusalCode> refusal = RefusalCode.fromCode(code);
        if (refusal.isPresent() && refusal.get().signatureFault() && refusal.get().status() == status) {
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
