package io.microai.verifier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.http.BodyTooLargeException;
import io.microai.shared.http.Blocking;
import io.microai.shared.http.BodyReceiver;
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
 *
 * <p>The body is gathered by the I/O thread as it arrives, so a slow client holds no thread. An ordinary
 * body is then answered on that same thread: its work is one signer recovery (about a hundred
 * microseconds) plus parsing and hashing a few hundred bytes, less than handing the exchange to a worker
 * and back costs; and an exchange that ends on its I/O thread lets that thread take the connection's next
 * request at once, where one ended on a worker has the two threads contend for it. A body above
 * {@link #INLINE_BODY_BYTES} could keep the I/O thread's other connections waiting while it is parsed and
 * hashed, so it goes to a worker.
 */
final class VerifyHandler implements HttpHandler {
    /** Real bodies are under 1 KiB; at this size parsing and hashing still take only tens of microseconds. */
    static final int INLINE_BODY_BYTES = 16 * 1024;
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
        BodyReceiver.receiveInPlace(exchange, maxBodyBytes, (ex, body) -> {
            if (body.length <= INLINE_BODY_BYTES || !ex.isInIoThread()) {
                answer(ex, body, start, cid);
            } else {
                ex.dispatch(new Blocking(worker -> answer(worker, body, start, cid)));
            }
        }, (ex, failure) -> {
            if (failure instanceof BodyTooLargeException) {
                refuse(ex, RefusalCode.PAYLOAD_TOO_LARGE, "request body too large (max " + maxBodyBytes + " bytes)", start, cid);
            } else {
                refuse(ex, RefusalCode.INVALID_JSON, "request body could not be read", start, cid);
            }
        });
    }

    private void answer(HttpServerExchange exchange, byte[] body, long start, String cid) {
        try {
            String address = Address.toChecksum(recovery.recover(parse(body)));
            metrics.recordValid(200, start, cid);
            LOG.fine(() -> "[cid=" + cid + "] " + exchange.getRequestPath() + " recovered signer " + address);
            JsonResponses.send(exchange, 200, VerifyResponse.recovered(address));
        } catch (Refusal e) {
            refuse(exchange, e.code(), e.getMessage(), start, cid);
        } catch (Eip712Exception e) {
            refuse(exchange, RefusalCode.of(e.reason()), e.getMessage(), start, cid);
        }
    }

    private static JsonNode parse(byte[] body) {
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
