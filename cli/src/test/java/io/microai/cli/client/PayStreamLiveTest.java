package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.cli.Main;
import io.microai.cli.client.ClientCli.Run;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.StreamLabels;
import io.microai.shared.http.Json;
import io.microai.shared.metrics.MetricsConfig;
import io.microai.shared.scrape.Sample;
import io.microai.shared.scrape.Scrape;
import io.microai.shared.scrape.ScrapeResult;
import io.microai.shared.scrape.Scraper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pay summarize --stream} against the real gateway's stream route and the real verifier, in every protocol. */
class PayStreamLiveTest {
    private static final String KEY = "380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc";
    private static final String PAYER = "0x3cDB3d9e1B74692Bb1E3bb5fc81938151cA64b02";
    private static final String TEXT = "The gateway streams its summary. Each chunk is printed as it comes. The receipt binds the whole text.";
    private static final List<String> PROTOCOLS = List.of("x402", "x402-v1", "legacy");
    private static LiveGateway gateway;

    @BeforeAll
    static void start() {
        gateway = LiveGateway.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x402", "x402-v1", "legacy"})
    void payStreamPaysTheStreamRouteAndItsDoneReceiptVerifiesAgainstTheGatewaysSigner(String protocol) throws Exception {
        Run paid = ClientCli.run("pay", "summarize", "--stream", "--gateway", gateway.base, "--key", KEY, "--json",
                "--protocol", protocol, "--server", gateway.receiptSignerAddress(), "--text", TEXT);
        assertEquals(0, paid.code(), paid.out() + paid.err());
        JsonNode json = Json.MAPPER.readTree(paid.out());
        assertEquals(200, json.path("status").asInt());
        assertEquals(protocol, json.path("protocol").asText());
        assertTrue(json.at("/stream/chunks").asInt() >= 1, paid.out());
        assertTrue(json.at("/stream/first_chunk_ms").isNumber(), paid.out());
        assertTrue(json.at("/response/result").asText().length() > 0, paid.out());
        assertTrue(json.at("/verification/valid").asBoolean(), paid.out());
        assertTrue(json.at("/verification/pinned").asBoolean(), paid.out());
        assertEquals(gateway.receiptSignerAddress(), json.at("/verification/signer").asText());
        assertEquals(PAYER, json.at("/receipt/receipt/payment/payer").asText());
        assertEquals(protocol, json.at("/receipt/receipt/payment/protocol").asText(), "the receipt names the protocol paid in");
        assertEquals(GatewayApi.SUMMARIZE_STREAM_PATH, json.at("/receipt/receipt/service/endpoint").asText());
    }

    @Test
    void theTextFormPrintsTheSummaryThenTheReceiptItsVerificationTheSettlementAndTheStreamsFigures() {
        Run paid = ClientCli.run("pay", "summarize", "--stream", "--gateway", gateway.base, "--key", KEY,
                "--server", gateway.receiptSignerAddress(), "--text", TEXT);
        assertEquals(0, paid.code(), paid.out() + paid.err());
        List<String> lines = paid.out().lines().toList();
        int receipt = lines.size() - 4;
        assertTrue(receipt >= 1 && !lines.get(0).isBlank(), "the summary comes first: " + paid.out());
        assertTrue(lines.get(receipt).startsWith("receipt rcpt_") && lines.get(receipt).contains(" signed by "
                + gateway.receiptSignerAddress() + " (x402: 1000 of "), paid.out());
        assertEquals("receipt verified: its hashes match the request sent and the text streamed, signed by "
                + gateway.receiptSignerAddress() + " (the --server you trust)", lines.get(receipt + 1));
        assertTrue(lines.get(receipt + 2).startsWith("settlement PAYMENT-RESPONSE {\"success\":false,\"errorReason\":\"not_settled\""),
                "no facilitator: the header before the stream says nothing moved: " + paid.out());
        assertTrue(lines.get(receipt + 3).matches("stream [1-9][0-9]* chunks, [0-9]+ bytes, first chunk [0-9.]+ ms, total [0-9.]+ ms"),
                paid.out());
    }

    @Test
    void theGatewaysStreamCountersAgreeExactlyWithWhatTheClientRead() throws Exception {
        Scrape before = scrape();
        long chunks = 0;
        long bytes = 0;
        for (String protocol : PROTOCOLS) {
            // A text of its own per protocol, so no answer comes from the cache of another.
            Run paid = ClientCli.run("pay", "summarize", "--stream", "--gateway", gateway.base, "--key", KEY, "--json",
                    "--protocol", protocol, "--text", TEXT + " Counted over " + protocol + ".");
            assertEquals(0, paid.code(), paid.out() + paid.err());
            JsonNode json = Json.MAPPER.readTree(paid.out());
            chunks += json.at("/stream/chunks").asLong();
            bytes += json.at("/stream/text_bytes").asLong();
        }
        Scrape after = settled(before, PROTOCOLS.size());
        assertEquals(PROTOCOLS.size(), delta(before, after, GatewayFamilies.STREAMS, "outcome", StreamLabels.COMPLETED),
                "one completed stream per payment");
        for (String outcome : StreamLabels.OUTCOMES) {
            if (!outcome.equals(StreamLabels.COMPLETED)) {
                assertEquals(0, delta(before, after, GatewayFamilies.STREAMS, "outcome", outcome), outcome);
            }
        }
        assertEquals(chunks, delta(before, after, GatewayFamilies.STREAM_CHUNKS, null, null), "every chunk the client read, no more");
        assertEquals(bytes, delta(before, after, GatewayFamilies.STREAM_BYTES, null, null), "every byte of text the client read");
        assertEquals(0, sum(after, GatewayFamilies.STREAMS_IN_FLIGHT, null, null), "no stream left open");
        assertEquals(PROTOCOLS.size(), delta(before, after, GatewayFamilies.REQUESTS, "status", "402"), "one challenge each");
    }

    @Test
    void aReceiptCheckedAgainstAnotherServerFailsTheStream() {
        String other = "0x" + "1".repeat(40);
        Run paid = ClientCli.run("pay", "summarize", "--stream", "--gateway", gateway.base, "--key", KEY, "--server", other,
                "--text", TEXT);
        assertEquals(Main.EXIT_FAILED, paid.code(), paid.out());
        assertTrue(paid.err().contains("it is not signed by " + other), paid.err());
    }

    private static Scrape scrape() {
        ScrapeResult result = new Scraper(Scraper.Options.defaults()).scrapeAll(List.of(gateway.base + MetricsConfig.DEFAULT_PATH)).get(0);
        if (result instanceof ScrapeResult.Success success) {
            return success.scrape();
        }
        throw new AssertionError("the gateway's metrics could not be read: " + ((ScrapeResult.Failure) result).error());
    }

    /**
     * The gateway counts a request when its response is complete, a moment after the client read it: the reading
     * once the paid answers are all counted (or the last one, for the assertions to report what is missing).
     */
    private static Scrape settled(Scrape before, long paid) throws InterruptedException {
        Scrape after = scrape();
        for (int i = 0; i < 50 && delta(before, after, GatewayFamilies.REQUESTS, "status", "200") < paid; i++) {
            Thread.sleep(100);
            after = scrape();
        }
        assertEquals(paid, delta(before, after, GatewayFamilies.REQUESTS, "status", "200"), "one 200 per paid stream");
        return after;
    }

    private static long delta(Scrape before, Scrape after, String family, String label, String value) {
        return sum(after, family, label, value) - sum(before, family, label, value);
    }

    /** The family's samples on the stream route, those whose {@code label} is {@code value} when one is given. */
    private static long sum(Scrape scrape, String family, String label, String value) {
        double total = 0;
        for (Sample s : scrape.samples(family)) {
            if (GatewayApi.SUMMARIZE_STREAM_PATH.equals(s.labels().get("path")) && (label == null || value.equals(s.labels().get(label)))) {
                total += s.value();
            }
        }
        return (long) total;
    }

    @Test
    void anUnpaidRefusalBeforeTheStreamIsTheGatewaysJsonError() {
        Run paid = ClientCli.run("pay", "summarize", "--stream", "--gateway", gateway.base, "--key", KEY, "--text", "");
        assertEquals(Main.EXIT_FAILED, paid.code(), paid.out());
        assertTrue(paid.err().contains("the gateway answered 400: empty_text — text field cannot be empty"), paid.err());
    }
}
