package io.microai.verifier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.http.BodyTooLargeException;
import io.microai.shared.http.Bodies;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.Json;
import io.microai.shared.http.JsonResponses;
import io.microai.shared.verify.RefusalCode;
import io.microai.shared.verify.VerifyRequest;
import io.microai.shared.verify.VerifyResponse;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Logger;

/**
 * {@code POST /verify}: recovers the EIP-712 signer of a payment context. Every request ends in
 * exactly one outcome, and each outcome is counted once: valid, or refused with a reason.
 */
final class VerifyHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(VerifyHandler.class.getName());

    private final long maxBodyBytes;
    private final VerifierMetrics metrics;

    VerifyHandler(long maxBodyBytes, VerifierMetrics metrics) {
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long start = System.nanoTime();
        String cid = CorrelationId.of(exchange);
        try {
            VerifyRequest request = VerifyRequestReader.from(parse(exchange));
            byte[] digest = PaymentTypedData.digest(request.context().payment());
            Signature signature = Signature.parse(request.signature());
            String address = Address.toChecksum(Secp256k1.recoverAddress(digest, signature));
            metrics.recordValid(200, System.nanoTime() - start);
            LOG.fine(() -> "[cid=" + cid + "] verified signer " + address);
            JsonResponses.send(exchange, 200, VerifyResponse.recovered(address));
        } catch (VerifyRequestReader.Refusal e) {
            refuse(exchange, e.code(), e.getMessage(), start);
        } catch (Eip712Exception e) {
            refuse(exchange, RefusalCode.of(e.reason()), e.getMessage(), start);
        }
    }

    private JsonNode parse(HttpServerExchange exchange) {
        byte[] body;
        try {
            body = Bodies.read(exchange, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            throw new VerifyRequestReader.Refusal(RefusalCode.PAYLOAD_TOO_LARGE,
                    "request body too large (max " + maxBodyBytes + " bytes)");
        } catch (java.io.IOException e) {
            throw new VerifyRequestReader.Refusal(RefusalCode.INVALID_JSON, "request body could not be read");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new VerifyRequestReader.Refusal(RefusalCode.INVALID_JSON, "request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw new VerifyRequestReader.Refusal(RefusalCode.INVALID_JSON, "request body could not be read");
        }
    }

    private void refuse(HttpServerExchange exchange, RefusalCode code, String message, long start) {
        metrics.recordInvalid(code, System.nanoTime() - start);
        JsonResponses.send(exchange, code.status(), VerifyResponse.refused(code, message));
    }
}
