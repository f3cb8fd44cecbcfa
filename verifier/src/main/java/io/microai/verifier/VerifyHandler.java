package io.microai.verifier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.http.BodyTooLargeException;
import io.microai.shared.http.Bodies;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.Json;
import io.microai.shared.http.JsonResponses;
import io.microai.shared.verify.RefusalCode;
import io.microai.shared.verify.VerifyResponse;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Logger;

/**
 * One verification route: reads a capped JSON body, hands it to the route's {@link SignerRecovery}
 * and answers a {@link VerifyResponse}. Every request ends in exactly one outcome, and each outcome
 * is counted once: valid, or refused with a reason.
 */
final class VerifyHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(VerifyHandler.class.getName());

    private final long maxBodyBytes;
    private final VerifierMetrics metrics;
    private final SignerRecovery recovery;

    VerifyHandler(long maxBodyBytes, VerifierMetrics metrics, SignerRecovery recovery) {
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.recovery = recovery;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long start = System.nanoTime();
        String cid = CorrelationId.of(exchange);
        try {
            String address = Address.toChecksum(recovery.recover(parse(exchange)));
            metrics.recordValid(200, start, cid);
            LOG.fine(() -> "[cid=" + cid + "] " + exchange.getRequestPath() + " recovered signer " + address);
            JsonResponses.send(exchange, 200, VerifyResponse.recovered(address));
        } catch (Refusal e) {
            refuse(exchange, e.code(), e.getMessage(), start, cid);
        } catch (Eip712Exception e) {
            refuse(exchange, RefusalCode.of(e.reason()), e.getMessage(), start, cid);
        }
    }

    private JsonNode parse(HttpServerExchange exchange) {
        byte[] body;
        try {
            body = Bodies.read(exchange, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            throw new Refusal(RefusalCode.PAYLOAD_TOO_LARGE, "request body too large (max " + maxBodyBytes + " bytes)");
        } catch (java.io.IOException e) {
            throw new Refusal(RefusalCode.INVALID_JSON, "request body could not be read");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new Refusal(RefusalCode.INVALID_JSON, "request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw new Refusal(RefusalCode.INVALID_JSON, "request body could not be read");
        }
    }

    private void refuse(HttpServerExchange exchange, RefusalCode code, String message, long start, String cid) {
        metrics.recordInvalid(code, start, cid);
        JsonResponses.send(exchange, code.status(), VerifyResponse.refused(code, message));
    }
}
