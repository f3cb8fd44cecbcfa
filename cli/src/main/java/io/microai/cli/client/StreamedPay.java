package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pay summarize --stream}: after the payment, the chunks are printed as they arrive, then the receipt of
 * the {@code done} event is checked against the request bytes and the streamed text and reported as
 * {@code pay} reports a receipt, with the stream's own figures. In {@code --json} one document is printed at
 * the end instead.
 */
final class StreamedPay {
    static final String EVENT_STREAM = "text/event-stream";
    /** An answer that is not the stream is a JSON error; more than this is not one worth reading. */
    private static final int MAX_ERROR_BODY_BYTES = 1 << 20;

    private final PrintWriter out;
    private final PaymentProtocol protocol;
    private final Wallet wallet;
    private final boolean json;
    private final boolean verbose;
    private final Optional<String> trustedSigner;
    private final Duration idle;
    private boolean lineOpen;

    StreamedPay(PrintWriter out, PaymentProtocol protocol, Wallet wallet, boolean json, boolean verbose,
                Optional<String> trustedSigner, Duration idle) {
        this.out = out;
        this.protocol = protocol;
        this.wallet = wallet;
        this.json = json;
        this.verbose = verbose;
        this.trustedSigner = trustedSigner;
        this.idle = idle;
    }

    /** Prints the flow's outcome; returns 0, or throws with the one-line reason the command exits 1 for. */
    int print(X402Client.StreamFlow flow) throws IOException {
        if (verbose) {
            out.println("payer " + wallet.address() + ", protocol " + protocol.configName());
            flow.steps().forEach(step -> PayOutput.printStep(out, step));
        }
        if (flow.unpayable().isPresent()) {
            out.flush();
            throw new IllegalStateException("cannot pay over " + protocol.configName() + ": " + flow.unpayable().get());
        }
        if (flow.paid().isEmpty()) {
            HttpResponse<String> first = flow.steps().get(0).response();
            return notAStream(first.statusCode(), PayOutput.parse(first.body()), "instead of a 402 challenge");
        }
        X402Client.PaidStream paid = flow.paid().get();
        HttpResponse<InputStream> response = paid.response();
        if (verbose) {
            out.printf("> paid retry %s %s%n", paid.request().method(), paid.request().uri());
            PayOutput.printHeaders(out, ">", paid.request().headers().map());
            out.printf("< %d%n", response.statusCode());
            PayOutput.printHeaders(out, "<", response.headers().map());
        }
        if (response.statusCode() != HttpURLConnection.HTTP_OK || !isEventStream(response)) {
            String body = readBounded(response.body());
            if (verbose) {
                out.printf("<   %s%n", body);
            }
            return notAStream(response.statusCode(), PayOutput.parse(body),
                    response.statusCode() == HttpURLConnection.HTTP_OK ? "with " + response.headers().firstValue("Content-Type")
                            .orElse("no Content-Type") + ", not " + EVENT_STREAM : "");
        }
        SummaryStream.Outcome outcome;
        try {
            outcome = SummaryStream.read(response.body(), paid.sentNanos(), idle, this::chunk);
        } finally {
            endTextLine();
        }
        if (outcome.error().isPresent()) {
            return streamError(outcome);
        }
        JsonNode done = outcome.done().orElseThrow();
        StreamReceiptCheck check;
        try {
            check = StreamReceiptCheck.of(done.get("receipt"), paid.body(), outcome.text(), done.get("result").asText(), trustedSigner);
        } catch (IllegalArgumentException e) {
            out.flush();
            throw new IllegalStateException("the done event's receipt is not a signed receipt: " + e.getMessage());
        }
        Optional<ObjectNode> settlement = settlement(response, done);
        if (json) {
            ObjectNode result = header(HttpURLConnection.HTTP_OK);
            result.putObject("response").put("result", outcome.text());
            result.set("receipt", done.get("receipt"));
            settlement.ifPresent(s -> result.set("settlement", s));
            result.set("stream", figures(outcome));
            result.set("verification", verification(check));
            printJson(result);
        } else {
            out.println(PayOutput.receiptLine(check.receipt(), response.headers()));
            out.println(verificationLine(check));
            settlement.ifPresent(s -> out.println("settlement " + (s.has("header") ? s.get("header").asText() : "done") + " " + s.get("response")));
            out.println(figuresLine(outcome));
        }
        out.flush();
        if (!check.valid()) {
            throw new IllegalStateException("the receipt of the stream does not verify: " + String.join("; ", check.failures()));
        }
        return 0;
    }

    private void chunk(String text) {
        if (!json) {
            out.print(text);
            out.flush();
            if (!text.isEmpty()) {
                lineOpen = !text.endsWith("\n");
            }
        }
    }

    /** The streamed text ends its line, so what follows (or the error on stderr) starts on its own. */
    private void endTextLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.flush();
    }

    private static boolean isEventStream(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).strip().startsWith(EVENT_STREAM)).orElse(false);
    }

    /** An answer before the stream, which the gateway sends as JSON like the plain route's. */
    private int notAStream(int status, JsonNode body, String why) throws IOException {
        if (json) {
            ObjectNode result = header(status);
            result.set("response", body);
            printJson(result);
        }
        out.flush();
        if (status == HttpURLConnection.HTTP_OK || status == HttpURLConnection.HTTP_PAYMENT_REQUIRED) {
            throw new IllegalStateException("the gateway answered " + status + " " + why);
        }
        throw PayOutput.refused(status, body);
    }

    private int streamError(SummaryStream.Outcome outcome) throws IOException {
        JsonNode error = outcome.error().orElseThrow();
        if (json) {
            ObjectNode result = header(HttpURLConnection.HTTP_OK);
            result.putObject("response").put("result", outcome.text());
            result.set("stream", figures(outcome));
            result.set("error", error);
            printJson(result);
        } else {
            out.println(figuresLine(outcome));
        }
        out.flush();
        throw new IllegalStateException("the stream ended with error " + error.path("error").asText()
                + (error.has("message") ? ": " + error.path("message").asText() : "")
                + (error.has("correlation_id") ? " (correlation id " + error.path("correlation_id").asText() + ")" : ""));
    }

    /**
     * The done event's settlement when a facilitator settled (it is made after the last chunk, so it is the final
     * word), else the settlement header the gateway sent before the stream.
     */
    private static Optional<ObjectNode> settlement(HttpResponse<?> response, JsonNode done) {
        if (done.path("settlement").isObject()) {
            ObjectNode node = Json.MAPPER.createObjectNode().put("event", SummaryStream.DONE);
            node.set("response", done.get("settlement"));
            return Optional.of(node);
        }
        return EncodedHeaders.settlement(response.headers()).map(header -> {
            ObjectNode node = Json.MAPPER.createObjectNode().put("header", header.header());
            node.set("response", header.response());
            return node;
        });
    }

    private ObjectNode header(int status) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("status", status);
        result.put("protocol", protocol.configName());
        result.put("payer", wallet.address());
        return result;
    }

    private static ObjectNode figures(SummaryStream.Outcome outcome) {
        ObjectNode figures = Json.MAPPER.createObjectNode();
        figures.put("chunks", outcome.chunks());
        figures.put("text_bytes", outcome.textBytes());
        if (outcome.firstChunkNanos().isPresent()) {
            figures.put("first_chunk_ms", millis(outcome.firstChunkNanos().getAsLong()));
        } else {
            figures.putNull("first_chunk_ms");
        }
        figures.put("total_ms", millis(outcome.totalNanos()));
        return figures;
    }

    private static String figuresLine(SummaryStream.Outcome outcome) {
        return String.format(Locale.ROOT, "stream %d chunks, %d bytes, first chunk %s, total %.1f ms", outcome.chunks(),
                outcome.textBytes(), outcome.firstChunkNanos().isPresent()
                        ? String.format(Locale.ROOT, "%.1f ms", millis(outcome.firstChunkNanos().getAsLong())) : "none",
                millis(outcome.totalNanos()));
    }

    private static ObjectNode verification(StreamReceiptCheck check) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("valid", check.valid());
        node.put("signer", check.signer().orElse(null));
        node.put("pinned", check.pinned());
        ArrayNode failures = node.putArray("failures");
        check.failures().forEach(failures::add);
        return node;
    }

    private static String verificationLine(StreamReceiptCheck check) {
        if (!check.valid()) {
            return "receipt does NOT verify: " + String.join("; ", check.failures());
        }
        return "receipt verified: its hashes match the request sent and the text streamed, signed by " + check.signer().orElseThrow()
                + (check.pinned() ? " (the --server you trust)" : " (the address it names; pass --server to pin the signer)");
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    private void printJson(ObjectNode result) throws IOException {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static String readBounded(InputStream body) throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
