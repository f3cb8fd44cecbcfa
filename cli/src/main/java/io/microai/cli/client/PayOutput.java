package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.SignedReceipt;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/** The lines {@code pay summarize} prints for either route: the steps of {@code -v}, the receipt, a refusal. */
final class PayOutput {
    private PayOutput() {
    }

    /** {@code receipt <id> signed by <address> (<what was paid>; cache <HIT|MISS|off>)}. */
    static String receiptLine(SignedReceipt receipt, HttpHeaders headers) {
        return "receipt " + receipt.id() + " signed by " + receipt.serverAddress() + " (" + paid(receipt.receipt().payment())
                + "cache " + headers.firstValue(X402Client.CACHE_HEADER).orElse("off") + ")";
    }

    /** What the receipt says was paid; a version 1.0 receipt does not name it. */
    static String paid(Receipt.Payment payment) {
        return payment.protocol() == null ? "" : payment.protocol() + ": " + payment.amount() + " of " + payment.asset()
                + " on " + payment.network() + ", settlement " + payment.settlement() + "; ";
    }

    /** A JSON body as a tree; any other body as one text node. */
    static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(body);
        }
    }

    /** Why a gateway's answer is a failure: its status and the JSON error's code and message. */
    static IllegalStateException refused(int status, JsonNode body) {
        return new IllegalStateException("the gateway answered " + status + ": "
                + body.path("error").asText("") + (body.has("message") ? " — " + body.path("message").asText() : ""));
    }

    static void printStep(PrintWriter out, X402Client.Step step) {
        out.printf("> %s %s %s (%d ms)%n", step.description(), step.request().method(), step.request().uri(), step.nanos() / 1_000_000);
        printHeaders(out, ">", step.request().headers().map());
        out.printf("< %d%n", step.response().statusCode());
        printHeaders(out, "<", step.response().headers().map());
        out.printf("<   %s%n", step.response().body());
    }

    /**
     * The JDK client reports HTTP/2's ":status" pseudo-header among the headers; it is shown as the status line.
     * A base64 payment header is followed by the JSON it carries.
     */
    static void printHeaders(PrintWriter out, String direction, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            if (name.equals(":status")) {
                return;
            }
            out.printf("%s   %s: %s%n", direction, name, String.join(", ", values));
            if (EncodedHeaders.isEncoded(name)) {
                values.forEach(v -> EncodedHeaders.decode(v).ifPresent(decoded -> out.printf("%s     (decoded) %s%n", direction, decoded)));
            }
        });
    }
}
