package io.microai.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.microai.gateway.receipt.ReceiptId;
import io.microai.gateway.receipt.ReceiptSigner;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.ContentHash;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.SignedReceipt;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server that answers the stream route the way the gateway's contract says: a legacy 402 challenge
 * to the unpaid request, then, to the paid retry, whatever event stream the test scripts. It signs real
 * receipts with the gateway's signer, over the exact request bytes it received.
 */
final class StandInStreamGateway implements AutoCloseable {
    static final String RECIPIENT = "0x" + "2".repeat(40);
    /** Longest a script waits on the test; only a broken client makes it wait that long. */
    static final long WAIT_SECONDS = 30;

    /** What the paid retry is answered with. */
    @FunctionalInterface
    interface Script {
        void answer(byte[] requestBody, HttpExchange exchange, StandInStreamGateway gateway) throws IOException, InterruptedException;
    }

    final String base;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ReceiptSigner signer = ReceiptSigner.fromHex(LiveGateway.SERVER_KEY);
    /** Counted down at close, so a script holding a stream open lets go of it. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private StandInStreamGateway(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext(GatewayApi.SUMMARIZE_STREAM_PATH, exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestHeaders().getFirst(LegacyPayer.SIGNATURE_HEADER) == null) {
                    challenge(exchange);
                } else {
                    script.answer(body, exchange, this);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static StandInStreamGateway start(Script script) throws IOException {
        return new StandInStreamGateway(script);
    }

    String signerAddress() {
        return signer.address();
    }

    /** Starts the 200 event stream. */
    static OutputStream openStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** Writes raw event-stream text and pushes it onto the wire. */
    static void write(OutputStream stream, String text) throws IOException {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }

    static void chunk(OutputStream stream, String text) throws IOException {
        write(stream, "event: chunk\ndata: " + Json.MAPPER.createObjectNode().put("text", text) + "\n\n");
    }

    /** The done event whose receipt binds {@code request} and {@code signedText}, and says {@code result}. */
    void done(OutputStream stream, byte[] request, String signedText, String result) throws IOException {
        ObjectNode done = Json.MAPPER.createObjectNode().put("result", result);
        done.set("receipt", Json.MAPPER.readTree(receipt(request, signedText).toJson()));
        write(stream, "event: done\ndata: " + done + "\n\n");
    }

    /** Holds the stream open until the test closes this server. */
    void holdUntilClosed() throws InterruptedException {
        closing.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private SignedReceipt receipt(byte[] request, String text) {
        Receipt.Payment payment = new Receipt.Payment(ChallengeTerms.PAYER, RECIPIENT, "0.001", "USDC", BigInteger.valueOf(8453),
                ChallengeTerms.NONCE, "legacy", "USDC", "eip155:8453", Receipt.SETTLEMENT_NONE);
        Receipt.Service service = new Receipt.Service(GatewayApi.SUMMARIZE_STREAM_PATH, ContentHash.sha256(request),
                ContentHash.sha256(text.getBytes(StandardCharsets.UTF_8)));
        return signer.sign(new Receipt(ReceiptId.generate(), Receipt.VERSION, Instant.now().toString(), payment, service));
    }

    private static void challenge(HttpExchange exchange) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("error", "payment_required");
        body.putObject("paymentContext").put("recipient", RECIPIENT).put("token", "USDC").put("amount", "0.001")
                .put("nonce", ChallengeTerms.NONCE).put("chainId", 8453);
        json(exchange, 402, body.toString());
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    /** The one payer and nonce of every stand-in exchange. */
    static final class ChallengeTerms {
        static final String KEY = "380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc";
        static final String PAYER = "0x3cDB3d9e1B74692Bb1E3bb5fc81938151cA64b02";
        static final String NONCE = "stand-in-nonce-1";

        private ChallengeTerms() {
        }
    }
}
