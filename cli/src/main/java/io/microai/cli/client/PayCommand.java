package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.cli.stack.StackFiles;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "pay", mixinStandardHelpOptions = true, description = "Pay for an AI request through the x402 flow.",
        subcommands = {PayCommand.Summarize.class})
public final class PayCommand {

    @Command(name = "summarize", mixinStandardHelpOptions = true,
            description = {"Summarise text: request → 402 → sign the payment → retry; prints the result, the receipt and",
                    "the settlement. --protocol x402 (default) and x402-v1 sign an EIP-3009 transfer authorization as the",
                    "official x402 client does; legacy signs the upstream EIP-712 Payment over the gateway's nonce.",
                    "Without --key or --key-file it pays with the first funded wallet of the stack's chain",
                    "('microai stack up --with-chain' in --state-dir), else with a throwaway key generated for this payment.",
                    "--stream pays the streaming route instead and prints the summary as it arrives, then checks the",
                    "receipt of its done event against the request and the streamed text."})
    static final class Summarize implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--text", required = true, description = "The text to summarise.")
        String text;

        @Option(names = "--gateway", defaultValue = GatewayHttp.DEFAULT_URL,
                description = "Gateway base URL (default: ${DEFAULT-VALUE}).")
        String gateway;

        @Option(names = "--protocol", paramLabel = "x402|x402-v1|legacy", converter = ProtocolOption.Converter.class,
                defaultValue = "x402", description = "Payment protocol (default: ${DEFAULT-VALUE}).")
        PaymentProtocol protocol;

        @Option(names = "--max-amount", paramLabel = "ATOMIC",
                description = "x402: refuse to sign for more than this many atomic units of the asset (no cap by default).")
        BigInteger maxAmount;

        @Option(names = "--key", description = "Payer private key, 64 hex digits.")
        String key;

        @Option(names = "--key-file", description = "File holding the payer private key.")
        Path keyFile;

        @Option(names = "--state-dir", paramLabel = "DIR",
                description = "The stack whose chain's funded wallets pay when no key is given (default: $" + StackFiles.ENV
                        + ", else " + StackFiles.DEFAULT_DIR + ").")
        Path stateDir;

        @Option(names = "--payer", description = "Legacy: send X-402-Payer so the gateway checks the signer is this wallet"
                + " (x402's authorization always names the payer).")
        boolean payer;

        @Option(names = {"-v", "--verbose"}, description = "Show each step with its headers, base64 payment headers decoded.")
        boolean verbose;

        @Option(names = "--json", description = "Print the status, response, decoded receipt and settlement as JSON.")
        boolean json;

        @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for each answer (default: ${DEFAULT-VALUE});"
                + " with --stream also the longest silence allowed within the stream.")
        int timeoutSeconds;

        @Option(names = "--stream", description = "Pay " + GatewayApi.SUMMARIZE_STREAM_PATH + " and print the chunks as they arrive;"
                + " the done event's receipt is verified over the request and the streamed text.")
        boolean stream;

        @Option(names = "--server", paramLabel = "0xADDRESS", description = "With --stream: the receipt signing address you trust;"
                + " without it the signature is checked against the address the receipt names.")
        String server;

        @Override
        public Integer call() throws Exception {
            if (key != null && keyFile != null) {
                throw new ParameterException(spec.commandLine(), "give --key or --key-file, not both");
            }
            if (maxAmount != null && maxAmount.signum() < 0) {
                throw new ParameterException(spec.commandLine(), "--max-amount must not be negative");
            }
            if (server != null && !stream) {
                throw new ParameterException(spec.commandLine(), "--server checks a streamed receipt: give it with --stream"
                        + " (for a plain answer's receipt use 'microai receipt verify')");
            }
            if (server != null && !isAddress(server)) {
                throw new ParameterException(spec.commandLine(), "--server must be a 0x-prefixed 20-byte address");
            }
            if (stream && timeoutSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
            }
            Wallet wallet = key != null ? Wallet.fromHex(key) : keyFile != null ? Wallet.fromFile(keyFile) : stackWalletOrRandom();
            X402Client client = new X402Client(GatewayHttp.client().build(), gateway, Duration.ofSeconds(timeoutSeconds),
                    new Payers(Clock.systemUTC(), Optional.ofNullable(maxAmount)));
            PrintWriter out = spec.commandLine().getOut();
            if (stream) {
                X402Client.StreamFlow flow = GatewayHttp.reaching(gateway, () -> client.summarizeStream(protocol, text, wallet, payer));
                return new StreamedPay(out, protocol, wallet, json, verbose, Optional.ofNullable(server),
                        Duration.ofSeconds(timeoutSeconds)).print(flow);
            }
            X402Client.Flow flow = GatewayHttp.reaching(gateway, () -> client.summarize(protocol, text, wallet, payer));
            if (verbose) {
                out.println("payer " + wallet.address() + ", protocol " + protocol.configName());
                flow.steps().forEach(step -> PayOutput.printStep(out, step));
            }
            if (flow.unpayable().isPresent()) {
                out.flush();
                throw new IllegalStateException("cannot pay over " + protocol.configName() + ": " + flow.unpayable().get());
            }
            HttpResponse<String> last = flow.last();
            JsonNode body = PayOutput.parse(last.body());
            boolean ok = last.statusCode() == HttpURLConnection.HTTP_OK;
            Optional<EncodedHeaders.Settlement> settlement = EncodedHeaders.settlement(last.headers());
            if (json) {
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("status", last.statusCode());
                result.put("protocol", protocol.configName());
                result.put("payer", wallet.address());
                result.set("response", body);
                receipt(last).ifPresent(r -> result.set("receipt", Json.MAPPER.valueToTree(r)));
                settlement.ifPresent(s -> result.putObject("settlement").put("header", s.header()).set("response", s.response()));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } else if (ok) {
                out.println(body.path("result").asText());
                receipt(last).ifPresent(r -> out.println(PayOutput.receiptLine(r, last.headers())));
                settlement.ifPresent(s -> out.println("settlement " + s.header() + " " + s.response()));
            }
            out.flush();
            if (!ok) {
                throw PayOutput.refused(last.statusCode(), body);
            }
            return 0;
        }

        private Wallet stackWalletOrRandom() {
            Optional<ChainWallets.Funded> funded = ChainWallets.of(stateDir);
            if (funded.isEmpty()) {
                return Wallet.random();
            }
            Wallet wallet = funded.get().wallets().get(0);
            spec.commandLine().getErr().println("paying from " + wallet.address() + ", a funded wallet of the stack's chain ("
                    + funded.get().keysFile() + ")");
            spec.commandLine().getErr().flush();
            return wallet;
        }

        private static boolean isAddress(String text) {
            try {
                Address.parse(text);
                return true;
            } catch (Eip712Exception e) {
                return false;
            }
        }

        private static Optional<SignedReceipt> receipt(HttpResponse<String> response) {
            return response.headers().firstValue(SignedReceipt.HEADER).map(ReceiptVerifier::fromBase64Header);
        }
    }
}
