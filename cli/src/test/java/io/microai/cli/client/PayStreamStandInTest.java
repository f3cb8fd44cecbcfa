package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.cli.Main;
import io.microai.cli.client.StandInStreamGateway.ChallengeTerms;
import io.microai.shared.http.Json;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pay summarize --stream} against a loopback stand-in of the stream route that scripts each event, so
 * printing as the chunks arrive, the receipt check and every way a stream can fail are each proven on their own.
 */
class PayStreamStandInTest {
    private static final String TEXT = "Streams arrive in pieces. The receipt binds them all.";

    private record Run(int code, String out, String err) {
    }

    private static Run pay(StandInStreamGateway gateway, FlushedOutput out, String... extra) {
        List<String> args = new ArrayList<>(List.of("pay", "summarize", "--stream", "--protocol", "legacy", "--gateway", gateway.base,
                "--key", ChallengeTerms.KEY, "--text", TEXT));
        args.addAll(List.of(extra));
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.text(), err.toString());
    }

    private static Run pay(StandInStreamGateway gateway, String... extra) {
        return pay(gateway, new FlushedOutput(), extra);
    }

    /** Two chunks and a done event whose receipt is over the request and the two chunks' text. */
    private static StandInStreamGateway.Script twoChunks(String signedText) {
        return (request, exchange, gateway) -> {
            OutputStream stream = StandInStreamGateway.openStream(exchange);
            StandInStreamGateway.chunk(stream, "Streams arrive. ");
            StandInStreamGateway.chunk(stream, "Receipts bind.");
            gateway.done(stream, request, signedText, "Streams arrive. Receipts bind.");
        };
    }

    @Test
    void eachChunkIsPrintedAndFlushedBeforeTheStreamGoesOn() throws Exception {
        FlushedOutput out = new FlushedOutput();
        AtomicBoolean firstShownWhileStreaming = new AtomicBoolean();
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) -> {
            OutputStream stream = StandInStreamGateway.openStream(exchange);
            StandInStreamGateway.chunk(stream, "Zwölf Boxkämpfer ");
            // The rest waits until the client has shown the first chunk: a client that buffers never gets it.
            firstShownWhileStreaming.set(out.awaitFlushed("Zwölf Boxkämpfer ", StandInStreamGateway.WAIT_SECONDS));
            StandInStreamGateway.chunk(stream, "jagen Viktor 🥊");
            g.done(stream, request, "Zwölf Boxkämpfer jagen Viktor 🥊", "Zwölf Boxkämpfer jagen Viktor 🥊");
        })) {
            Run run = pay(gateway, out);
            assertEquals(0, run.code(), run.err());
            assertTrue(firstShownWhileStreaming.get(), "the first chunk reached the output before the second was sent: " + run.out());
            List<String> lines = run.out().lines().toList();
            assertEquals("Zwölf Boxkämpfer jagen Viktor 🥊", lines.get(0), run.out());
            assertTrue(lines.get(1).startsWith("receipt rcpt_") && lines.get(1).contains(" signed by " + gateway.signerAddress()
                    + " (legacy: 0.001 of USDC on eip155:8453, settlement none; cache off)"), run.out());
            assertEquals("receipt verified: its hashes match the request sent and the text streamed, signed by "
                    + gateway.signerAddress() + " (the address it names; pass --server to pin the signer)", lines.get(2));
            assertTrue(lines.get(3).matches("stream 2 chunks, 36 bytes, first chunk [0-9.]+ ms, total [0-9.]+ ms"), run.out());
            assertEquals(4, lines.size(), run.out());
        }
    }

    @Test
    void jsonReportsTheTextReceiptFiguresAndAVerificationPinnedToTheTrustedServer() throws Exception {
        String text = "Streams arrive. Receipts bind.";
        try (StandInStreamGateway gateway = StandInStreamGateway.start(twoChunks(text))) {
            Run run = pay(gateway, "--json", "--server", gateway.signerAddress());
            assertEquals(0, run.code(), run.err());
            JsonNode json = Json.MAPPER.readTree(run.out());
            assertEquals(200, json.path("status").asInt());
            assertEquals("legacy", json.path("protocol").asText());
            assertEquals(ChallengeTerms.PAYER, json.path("payer").asText());
            assertEquals(text, json.at("/response/result").asText());
            assertEquals(ChallengeTerms.PAYER, json.at("/receipt/receipt/payment/payer").asText());
            assertEquals("/api/ai/summarize/stream", json.at("/receipt/receipt/service/endpoint").asText());
            assertEquals(2, json.at("/stream/chunks").asInt());
            assertEquals(text.length(), json.at("/stream/text_bytes").asInt());
            assertTrue(json.at("/stream/first_chunk_ms").isNumber() && json.at("/stream/total_ms").isNumber(), run.out());
            assertTrue(json.at("/verification/valid").asBoolean(), run.out());
            assertTrue(json.at("/verification/pinned").asBoolean(), run.out());
            assertEquals(gateway.signerAddress(), json.at("/verification/signer").asText());
            assertEquals(0, json.at("/verification/failures").size());
            assertTrue(json.path("settlement").isMissingNode(), "nothing settled, nothing reported: " + run.out());
        }
    }

    @Test
    void aReceiptOverOtherTextThanTheStreamedTextDoesNotVerifyAndFails() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start(twoChunks("Streams arrive. Receipts bind!"))) {
            Run run = pay(gateway);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.out().contains("receipt does NOT verify: its response hash is not the digest of the streamed text"), run.out());
            assertTrue(run.err().contains("the receipt of the stream does not verify"), run.err());
        }
    }

    @Test
    void aDoneResultThatIsNotTheConcatenatedChunksFails() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) -> {
            OutputStream stream = StandInStreamGateway.openStream(exchange);
            StandInStreamGateway.chunk(stream, "one");
            g.done(stream, request, "one", "one and more");
        })) {
            Run run = pay(gateway);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.err().contains("the done event's result is not the concatenated chunks"), run.err());
        }
    }

    @Test
    void aTrustedServerThatDidNotSignTheReceiptFailsIt() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start(twoChunks("Streams arrive. Receipts bind."))) {
            String other = "0x" + "1".repeat(40);
            Run run = pay(gateway, "--server", other);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.err().contains("it is not signed by " + other), run.err());
        }
    }

    @Test
    void anErrorEventEndsTheStreamWithANonZeroExitNamingItsCodeAndCorrelationId() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) -> {
            OutputStream stream = StandInStreamGateway.openStream(exchange);
            StandInStreamGateway.chunk(stream, "Half a sum");
            StandInStreamGateway.write(stream, "event: error\ndata: {\"error\":\"provider_error\",\"message\":\"the model failed\","
                    + "\"correlation_id\":\"cid-42\"}\n\n");
        })) {
            Run run = pay(gateway);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.out().startsWith("Half a sum\n"), "the chunk before the error was shown: " + run.out());
            assertTrue(run.out().contains("stream 1 chunks"), run.out());
            assertTrue(run.err().contains("the stream ended with error provider_error: the model failed (correlation id cid-42)"),
                    run.err());

            Run json = pay(gateway, "--json");
            assertEquals(Main.EXIT_FAILED, json.code(), json.out());
            JsonNode report = Json.MAPPER.readTree(json.out());
            assertEquals("provider_error", report.at("/error/error").asText());
            assertEquals("cid-42", report.at("/error/correlation_id").asText());
            assertEquals("Half a sum", report.at("/response/result").asText());
            assertEquals(1, report.at("/stream/chunks").asInt());
        }
    }

    @Test
    void aChunkWhoseDataIsNotJsonIsAMalformedStream() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) ->
                StandInStreamGateway.write(StandInStreamGateway.openStream(exchange), "event: chunk\ndata: plain words\n\n"))) {
            Run run = pay(gateway);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.err().contains("a chunk event's data must be {\"text\":\"…\"}; it was 'plain words'"), run.err());
        }
    }

    @Test
    void anEventLargerThanTheParsersBoundIsRefused() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) -> {
            OutputStream stream = StandInStreamGateway.openStream(exchange);
            String line = "data: " + "x".repeat(64 * 1024) + "\n";
            for (int i = 0; i <= SseParser.DEFAULT_MAX_EVENT_BYTES / line.length(); i++) {
                StandInStreamGateway.write(stream, line);
            }
        })) {
            Run run = pay(gateway);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.err().contains("an event of the event stream is longer than " + SseParser.DEFAULT_MAX_EVENT_BYTES + " bytes"),
                    run.err());
        }
    }

    @Test
    void aStreamThatEndsBeforeDoneIsAnError() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) ->
                StandInStreamGateway.chunk(StandInStreamGateway.openStream(exchange), "cut short"))) {
            Run run = pay(gateway);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.err().contains("the event stream ended without a done or error event after 1 chunks"), run.err());
            assertEquals("cut short\n", run.out(), "what came is shown, its line ended before the error");
        }
    }

    @Test
    void aStreamThatGoesQuietForLongerThanTheTimeoutIsAbandoned() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) -> {
            StandInStreamGateway.chunk(StandInStreamGateway.openStream(exchange), "and then nothing");
            g.holdUntilClosed();
        })) {
            // The same option bounds the challenge's answer, so it is not cut so fine that a busy machine misses it.
            Run run = pay(gateway, "--timeout", "3");
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.err().contains("the event stream delivered nothing for 3 s after 1 chunks"), run.err());
        }
    }

    @Test
    void aRefusalBeforeTheStreamIsReportedFromItsJsonBody() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start((request, exchange, g) ->
                StandInStreamGateway.json(exchange, 429, "{\"error\":\"rate_limited\",\"message\":\"slow down\"}"))) {
            Run run = pay(gateway);
            assertEquals(Main.EXIT_FAILED, run.code(), run.out());
            assertTrue(run.err().contains("the gateway answered 429: rate_limited — slow down"), run.err());

            Run json = pay(gateway, "--json");
            assertEquals(429, Json.MAPPER.readTree(json.out()).path("status").asInt(), json.out());
            assertEquals("rate_limited", Json.MAPPER.readTree(json.out()).at("/response/error").asText(), json.out());
        }
    }

    @Test
    void serverWithoutStreamIsAUsageError() throws Exception {
        try (StandInStreamGateway gateway = StandInStreamGateway.start(twoChunks(""))) {
            List<String> args = List.of("pay", "summarize", "--gateway", gateway.base, "--text", TEXT, "--server", gateway.signerAddress());
            CommandLine cli = Main.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            assertEquals(Main.EXIT_USAGE, cli.execute(args.toArray(String[]::new)));
            assertTrue(err.toString().contains("--server checks a streamed receipt"), err.toString());
        }
    }
}
