package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pay", mixinStandardHelpOptions = true, description = "Pay for an AI request through the x402 flow.",
        subcommands = {PayCommand.Summarize.class})
public final class PayCommand {

    @Command(name = "summarize", mixinStandardHelpOptions = true,
            description = {"Summarise text: request → 402 → sign the EIP-712 payment → retry; prints the result.",
                    "Without --key or --key-file a throwaway key is generated for this payment."})
    static final class Summarize implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--text", required = true, description = "The text to summarise.")
        String text;

        @Option(names = "--gateway", defaultValue = "${env:MICROAI_GATEWAY:-http://127.0.0.1:3000}",
                description = "Gateway base URL (default: ${DEFAULT-VALUE}).")
        String gateway;

        @Option(names = "--key", description = "Payer private key, 64 hex digits.")
        String key;

        @Option(names = "--key-file", description = "File holding the payer private key.")
        Path keyFile;

        @Option(names = "--payer", description = "Send X-402-Payer so the gateway checks the signer is this wallet.")
        boolean payer;

        @Option(names = {"-v", "--verbose"}, description = "Show each step with its headers.")
        boolean verbose;

        @Option(names = "--json", description = "Print the response and the decoded receipt as JSON.")
        boolean json;

        @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for each answer (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            if (key != null && keyFile != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --key or --key-file, not both");
            }
            Wallet wallet = key != null ? Wallet.fromHex(key) : keyFile != null ? Wallet.fromFile(keyFile) : Wallet.random();
            X402Client client = new X402Client(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                    gateway, Duration.ofSeconds(timeoutSeconds));
            X402Client.Flow flow;
            try {
                flow = client.summarize(text, wallet, payer, s -> s);
            } catch (java.net.ConnectException e) {
                throw new IllegalStateException("cannot reach the gateway at " + gateway + " (is the stack up? scripts/microai stack up)");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (verbose) {
                out.println("payer " + wallet.address());
                for (X402Client.Step step : flow.steps()) {
                    printStep(out, step);
                }
            }
            HttpResponse<String> last = flow.last();
            JsonNode body = parse(last.body());
            if (json) {
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("status", last.statusCode());
                result.set("response", body);
                last.headers().firstValue("X-402-Receipt").ifPresent(h ->
                        result.set("receipt", Json.MAPPER.valueToTree(ReceiptVerifier.fromBase64Header(h))));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } else if (last.statusCode() == 200) {
                out.println(body.path("result").asText());
                last.headers().firstValue("X-402-Receipt").ifPresent(h -> {
                    SignedReceipt receipt = ReceiptVerifier.fromBase64Header(h);
                    out.println("receipt " + receipt.id() + " signed by " + receipt.serverAddress()
                            + " (cache " + last.headers().firstValue("X-Cache").orElse("off") + ")");
                });
            }
            out.flush();
            if (last.statusCode() != 200) {
                throw new IllegalStateException("the gateway answered " + last.statusCode() + ": "
                        + body.path("error").asText("") + (body.has("message") ? " — " + body.path("message").asText() : ""));
            }
            return 0;
        }

        private static JsonNode parse(String body) {
            try {
                return Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                return Json.MAPPER.getNodeFactory().textNode(body);
            }
        }

        private static void printStep(PrintWriter out, X402Client.Step step) {
            out.printf("> %s %s %s (%d ms)%n", step.description(), step.request().method(), step.request().uri(), step.nanos() / 1_000_000);
            for (Map.Entry<String, List<String>> h : step.request().headers().map().entrySet()) {
                out.printf(">   %s: %s%n", h.getKey(), String.join(", ", h.getValue()));
            }
            out.printf("< %d%n", step.response().statusCode());
            for (Map.Entry<String, List<String>> h : step.response().headers().map().entrySet()) {
                if (!h.getKey().equals(":status")) {
                    out.printf("<   %s: %s%n", h.getKey(), String.join(", ", h.getValue()));
                }
            }
            out.printf("<   %s%n", step.response().body());
        }
    }
}
