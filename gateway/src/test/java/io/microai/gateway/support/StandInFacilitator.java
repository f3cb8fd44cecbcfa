package io.microai.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in x402 facilitator on a loopback port, answering the facilitator HTTP API the way the official
 * {@code x402Facilitator} behind a small HTTP wrapper does: {@code GET /supported} lists its kinds,
 * {@code POST /verify} answers {@code {isValid, invalidReason?, payer}}, {@code POST /settle} answers
 * {@code {success, errorReason?, transaction, network, payer}}. It keeps the one piece of chain state that
 * matters here, the used (payer, nonce) pairs, so a settled authorization is refused everywhere afterwards
 * with the official code. Scripted per test: a refusal code for verify or settle, a delay, and it can be
 * stopped and started again on the same port to be "down".
 */
public final class StandInFacilitator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> usedNonces = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> verifyBodies = new CopyOnWriteArrayList<>();
    private final List<JsonNode> settleBodies = new CopyOnWriteArrayList<>();
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger settled = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile String supportedJson;
    private volatile String verifyRefusal;
    private volatile String settleRefusal;
    private volatile int refusalStatus = 200;
    private volatile long delayMillis;
    private volatile long settleDelayMillis;
    private final int port;
    private HttpServer server;
    private ExecutorService pool;

    private StandInFacilitator(int port, String supportedJson) throws IOException {
        this.supportedJson = supportedJson;
        this.port = bind(port);
    }

    /** Supports {@code exact} on {@code eip155:<chainId>} for v2, and {@code v1Network} for v1 when not null. */
    public static StandInFacilitator start(long chainId, String v1Network) throws IOException {
        return new StandInFacilitator(0, supported(chainId, v1Network));
    }

    public static String supported(long chainId, String v1Network) {
        String v1 = v1Network == null ? "" : ",{\"x402Version\":1,\"scheme\":\"exact\",\"network\":\"" + v1Network + "\"}";
        return "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:" + chainId + "\"}" + v1
                + "],\"extensions\":[],\"signers\":{\"eip155:*\":[\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"]}}";
    }

    /** Reserves a free port and answers nothing on it until {@link #restart()}: a facilitator that is down at start. */
    public static StandInFacilitator down(long chainId, String v1Network) throws IOException {
        StandInFacilitator f = new StandInFacilitator(0, supported(chainId, v1Network));
        f.stop();
        return f;
    }

    private int bind(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
        server.createContext("/supported", e -> answer(e, () -> supportedJson));
        server.createContext("/verify", e -> answer(e, () -> verify(read(e, verifyBodies))));
        server.createContext("/settle", e -> answer(e, () -> {
            JsonNode body = read(e, settleBodies);
            sleep(settleDelayMillis);
            return settle(body);
        }));
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stand-in-facilitator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.start();
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** Listens again on the same port, with the same state. */
    public void restart() throws IOException {
        bind(port);
    }

    public void refuseVerify(String officialCode) {
        verifyRefusal = officialCode;
    }

    public void refuseSettle(String officialCode) {
        settleRefusal = officialCode;
    }

    /** The HTTP status refusals come with (the official wrapper may answer 400 with the JSON verdict). */
    public void refusalStatus(int status) {
        refusalStatus = status;
    }

    public void delay(long millis) {
        delayMillis = millis;
    }

    /** Delays only {@code /settle}: a facilitator that verifies at once and then hangs on the chain. */
    public void delaySettle(long millis) {
        settleDelayMillis = millis;
    }

    public void supports(String json) {
        supportedJson = json;
    }

    public List<JsonNode> verifyBodies() {
        return List.copyOf(verifyBodies);
    }

    public List<JsonNode> settleBodies() {
        return List.copyOf(settleBodies);
    }

    public List<String> authHeaders() {
        return List.copyOf(authHeaders);
    }

    /** Transfers made: each a distinct transaction. */
    public int settledCount() {
        return settled.get();
    }

    private interface Body {
        String get() throws IOException;
    }

    private record Reply(int status, String json) {
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("closing", e);
        }
    }

    private JsonNode read(HttpExchange exchange, List<JsonNode> into) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in.readAllBytes());
            into.add(body);
            return body;
        }
    }

    private String verify(JsonNode body) {
        String payer = body.path("paymentPayload").path("payload").path("authorization").path("from").asText();
        String refusal = verifyRefusal != null ? verifyRefusal : used(body) ? "invalid_exact_evm_nonce_already_used" : null;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("isValid", refusal == null);
        if (refusal != null) {
            answer.put("invalidReason", refusal);
            answer.put("invalidMessage", "refused by the stand-in");
        }
        answer.put("payer", payer);
        return (refusal == null ? "200 " : refusalStatus + " ") + answer;
    }

    private synchronized String settle(JsonNode body) {
        String payer = body.path("paymentPayload").path("payload").path("authorization").path("from").asText();
        String network = body.path("paymentRequirements").path("network").asText();
        String refusal = settleRefusal != null ? settleRefusal : used(body) ? "invalid_exact_evm_nonce_already_used" : null;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("success", refusal == null);
        if (refusal != null) {
            answer.put("errorReason", refusal);
            answer.put("transaction", "");
        } else {
            usedNonces.add(key(body));
            settled.incrementAndGet();
            answer.put("transaction", transactionHash(transactions.incrementAndGet()));
        }
        answer.put("network", network);
        answer.put("payer", payer);
        return (refusal == null ? "200 " : refusalStatus + " ") + answer;
    }

    /** The hash the stand-in reports for its {@code n}th transfer. */
    public static String transactionHash(int n) {
        return "0x" + String.format("%064x", 0xabc000L + n);
    }

    private boolean used(JsonNode body) {
        return usedNonces.contains(key(body));
    }

    private static String key(JsonNode body) {
        JsonNode auth = body.path("paymentPayload").path("payload").path("authorization");
        return auth.path("from").asText().toLowerCase() + ":" + auth.path("nonce").asText().toLowerCase();
    }

    private void answer(HttpExchange exchange, Body body) throws IOException {
        try {
            String auth = exchange.getRequestHeaders().getFirst("X-Facilitator-Key");
            if (auth != null) {
                authHeaders.add(auth);
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String reply = body.get();
            int status = 200;
            if (reply.matches("^\\d{3} .*")) {
                status = Integer.parseInt(reply.substring(0, 3));
                reply = reply.substring(4);
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        try {
            server.stop(0);
        } finally {
            pool.shutdownNow();
        }
    }
}
