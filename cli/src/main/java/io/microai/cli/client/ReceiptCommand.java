package io.microai.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "receipt", mixinStandardHelpOptions = true, description = "Work with signed receipts.",
        subcommands = {ReceiptCommand.Verify.class})
public final class ReceiptCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a receipt's signature against the server address you trust.",
                    "The key embedded in the receipt is never trusted: anyone can sign their own receipt."})
    static final class Verify implements Callable<Integer> {
        /** A lookup is one read from the gateway's receipt store; an answer slower than this means trouble. */
        private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--id", description = "Fetch the receipt from the gateway by id (rcpt_…).")
            String id;

            @Option(names = "--file", description = "A file holding the X-402-Receipt header value (base64) or the receipt JSON.")
            Path file;
        }

        @Option(names = "--server", required = true, description = "The gateway's receipt signing address you trust (0x…).")
        String server;

        @Option(names = "--gateway", defaultValue = GatewayHttp.DEFAULT_URL,
                description = "Gateway base URL for --id (default: ${DEFAULT-VALUE}).")
        String gateway;

        @Override
        public Integer call() throws Exception {
            SignedReceipt receipt = source.id != null ? fetch(source.id) : read(source.file);
            boolean valid;
            try {
                valid = ReceiptVerifier.verify(receipt, server);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--server must be a 0x-prefixed 20-byte address");
            }
            if (!valid) {
                throw new IllegalStateException("receipt " + receipt.id() + " is NOT signed by " + server);
            }
            spec.commandLine().getOut().println("receipt " + receipt.id() + " is valid: signed by " + server
                    + ", payer " + receipt.receipt().payment().payer() + ", " + receipt.receipt().service().endpoint());
            spec.commandLine().getOut().flush();
            return 0;
        }

        private SignedReceipt fetch(String id) throws Exception {
            HttpClient http = GatewayHttp.client().build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(GatewayApi.url(gateway, GatewayApi.receiptPath(id))))
                    .timeout(LOOKUP_TIMEOUT).GET().build();
            HttpResponse<String> response = GatewayHttp.reaching(gateway, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
            if (response.statusCode() != HttpURLConnection.HTTP_OK) {
                throw new IllegalStateException("the gateway answered " + response.statusCode() + " for receipt " + id);
            }
            // The lookup adds a "status" field beside the signed receipt; it is the gateway's word, not signed data.
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(response.body());
            body.remove("status");
            return ReceiptVerifier.parse(body.toString());
        }

        private static SignedReceipt read(Path file) throws Exception {
            String content = Files.readString(file).trim();
            return content.startsWith("{") ? ReceiptVerifier.parse(content) : ReceiptVerifier.fromBase64Header(content);
        }
    }
}
