package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

        @Option(names = "--gateway", defaultValue = GatewayHttp.DEFAULT_URL,
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
                throw new ParameterException(spec.commandLine(), "give --key or --key-file, not both");
            }
            Wallet wallet = key != null ? Wallet.fromHex(key) : keyFile != null ? Wallet.fromFile(keyFile) : Wallet.random();
            X402Client client = new X402Client(GatewayHttp.client().build(), gateway, Duration.ofSeconds(timeoutSeconds));
            X402Client.Flow flow = GatewayHttp.reaching(gateway, () -> client.summarize(text, wallet, payer, UnaryOperator.identity()));
            PrintWriter out = spec.commandLine().getOut();
            if (verbose) {
                out.println("payer " + wallet.address());
                flow.steps().forEach(step -> printStep(out, step));
            }
            HttpResponse<String> last = flow.last();
            JsonNode body = parse(last.body());
            boolean ok = last.statusCode() == HttpURLConnection.HTTP_OK;
            if (json) {
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("status", last.statusCode());
                result.set("response", body);
                receipt(last).ifPresent(r -> result.set("receipt", Json.MAPPER.valueToTree(r)));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } else if (ok) {
                out.println(body.path("result").asText());
                receipt(last).ifPresent(r -> out.println("receipt " + r.id() + " signed by " + r.serverAddress()
                        + " (cache " + last.headers().firstValue(X402Client.CACHE_HEADER).orElse("off") + ")"));
            }
            out.flush();
            if (!ok) {
                throw new IllegalStateException("the gateway answered " + last.statusCode() + ": "
                        + body.path("error").asText("") + (body.has("message") ? " — " + body.path("message").asText() : ""));
            }
            return 0;
        }

        private static Optional<SignedReceipt> receipt(HttpResponse<String> response) {
            return response.headers().firstValue(SignedReceipt.HEADER).map(ReceiptVerifier::fromBase64Header);
        }

        private static JsonNode parse(String body) {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                return Json.MAPPER.getNodeFactory().textNode(body);
            }
        }

        private static void printStep(PrintWriter out, X402Client.Step step) {
            out.printf("> %s %s %s (%d ms)%n", step.description(), step.request().method(), step.request().uri(), step.nanos() / 1_000_000);
            printHeaders(out, ">", step.request().headers().map());
            out.printf("< %d%n", step.response().statusCode());
            printHeaders(out, "<", step.response().headers().map());
            out.printf("<   %s%n", step.response().body());
        }

        /** The JDK client reports HTTP/2's ":status" pseudo-header among the headers; it is shown as the status line. */
        private static void printHeaders(PrintWriter out, String direction, Map<String, List<String>> headers) {
            headers.forEach((name, values) -> {
                if (!name.equals(":status")) {
                    out.printf("%s   %s: %s%n", direction, name, String.join(", ", values));
                }
            });
        }
    }
}
