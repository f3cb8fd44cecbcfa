package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.cli.client.ClientCli.Run;
import io.microai.shared.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** `pay`, `receipt verify` and `load` against a real verifier and gateway over loopback, in every payment protocol. */
class PayAndLoadTest {
    private static final String KEY = "380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc";
    private static final String PAYER = "0x3cDB3d9e1B74692Bb1E3bb5fc81938151cA64b02";
    private static LiveGateway gateway;
    private static String base;

    @BeforeAll
    static void start() {
        gateway = LiveGateway.start(Map.of());
        base = gateway.base;
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Run run(String... args) {
        return ClientCli.run(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x402", "x402-v1", "legacy"})
    void payWalksTheFlowAndItsReceiptVerifiesAgainstTheServerAddressOnly(String protocol) throws Exception {
        Run paid = run("pay", "summarize", "--gateway", base, "--key", KEY, "--payer", "--json", "--protocol", protocol,
                "--text", "The gateway prices each request. The client signs. The verifier recovers the signer.");
        assertEquals(0, paid.code(), paid.err());
        JsonNode json = Json.MAPPER.readTree(paid.out());
        assertEquals(200, json.get("status").asInt());
        assertEquals(protocol, json.get("protocol").asText());
        assertTrue(json.at("/response/result").asText().length() > 0);
        assertEquals(PAYER, json.at("/receipt/receipt/payment/payer").asText());
        assertEquals(protocol, json.at("/receipt/receipt/payment/protocol").asText(), "the receipt names the protocol paid in");
        assertEquals("none", json.at("/receipt/receipt/payment/settlement").asText(), "verified, not settled");
        String id = json.at("/receipt/receipt/id").asText();

        Run trusted = run("receipt", "verify", "--gateway", base, "--id", id, "--server", gateway.receiptSignerAddress());
        assertEquals(0, trusted.code(), trusted.err());
        Run other = run("receipt", "verify", "--gateway", base, "--id", id, "--server", "0x" + "1".repeat(40));
        assertEquals(1, other.code(), "a receipt is not valid for an address that did not sign it");

        Path file = Files.createTempFile("receipt", ".json");
        try {
            Files.writeString(file, json.get("receipt").toString());
            assertEquals(0, run("receipt", "verify", "--file", file.toString(), "--server", gateway.receiptSignerAddress()).code());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest
    @CsvSource({"x402, PAYMENT-RESPONSE, eip155:8453", "x402-v1, X-PAYMENT-RESPONSE, base"})
    void payOverX402ReportsTheDecodedSettlementWhichSaysVerifiedButNotSettled(String protocol, String header, String network)
            throws Exception {
        Run paid = run("pay", "summarize", "--gateway", base, "--key", KEY, "--json", "--protocol", protocol,
                "--text", "Settlement needs a facilitator. Until then nothing moves on chain.");
        assertEquals(0, paid.code(), paid.err());
        JsonNode settlement = Json.MAPPER.readTree(paid.out()).get("settlement");
        assertEquals(header, settlement.get("header").asText(), settlement.toString());
        assertEquals(false, settlement.at("/response/success").asBoolean(true), settlement.toString());
        assertEquals("not_settled", settlement.at("/response/errorReason").asText(), settlement.toString());
        assertEquals("", settlement.at("/response/transaction").asText("absent"), "never a made-up transaction");
        assertEquals(network, settlement.at("/response/network").asText(), settlement.toString());
        assertEquals(PAYER, settlement.at("/response/payer").asText(), settlement.toString());

        JsonNode receipt = Json.MAPPER.readTree(paid.out()).at("/receipt/receipt/payment");
        assertEquals("1000", receipt.path("amount").asText(), "x402 receipts carry the atomic amount");
        assertEquals("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", receipt.path("asset").asText());
        assertEquals(network, receipt.path("network").asText());

        Run text = run("pay", "summarize", "--gateway", base, "--protocol", protocol, "--text", "One sentence. Another one.");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("receipt rcpt_") && l.contains("(" + protocol + ": 1000 of ")
                && l.contains(" on " + network + ", settlement none;")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("settlement " + header + " {") && l.contains("not_settled")), text.out());
    }

    @Test
    void verboseShowsEachStepWithItsHeaders() {
        Run paid = run("pay", "summarize", "--gateway", base, "--text", "One sentence. Another one.", "-v", "--protocol", "legacy");
        assertEquals(0, paid.code(), paid.err());
        assertTrue(paid.out().contains("< 402") && paid.out().contains("< 200"), paid.out());
        assertTrue(paid.out().toLowerCase().contains("x-402-signature"), paid.out());
    }

    @Test
    void verboseOverX402ShowsTheChallengePaymentAndSettlementHeadersDecoded() {
        Run paid = run("pay", "summarize", "--gateway", base, "--text", "One sentence. Another one.", "-v");
        assertEquals(0, paid.code(), paid.err());
        String out = paid.out();
        assertTrue(out.contains("protocol x402"), out);
        assertTrue(out.contains("< 402") && out.contains("< 200"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith(">   PAYMENT-SIGNATURE: ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith(">     (decoded) {\"x402Version\":2,\"payload\":{\"authorization\":")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("<     (decoded) {\"x402Version\":2,") && l.contains("\"accepts\":[")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("<     (decoded) {\"success\":false")), out);
    }

    @ParameterizedTest
    @CsvSource({"x402, 402", "x402-v1, 402", "legacy, 403"})
    void loadCountsAgreeWithTheGatewaysOwnCounters(String protocol, String refusedStatus) throws Exception {
        Run load = run("load", "--gateway", base, "-n", "60", "-c", "4", "--repeat-ratio", "0.5", "--protocol", protocol,
                "--invalid-ratio", "0.2", "--json", "--no-progress");
        assertEquals(0, load.code(), load.out() + load.err());
        JsonNode summary = Json.MAPPER.readTree(load.out());
        assertTrue(summary.get("counts_agree").asBoolean());
        assertEquals(summary.get("client_status_counts"), summary.get("server_status_deltas"));
        JsonNode paid = summary.at("/paid_status_counts_by_protocol/" + protocol);
        long paidOk = paid.path("200").asLong();
        long refused = paid.path(refusedStatus).asLong();
        assertEquals(60, paidOk + refused, "every paid retry is either served or refused for its signature: " + load.out());
        assertTrue(refused > 0 && paidOk > 0, load.out());
        assertEquals(paidOk, summary.at("/client_status_counts/200").asLong());
        long challenges = summary.at("/client_status_counts/402").asLong() - (refusedStatus.equals("402") ? refused : 0);
        assertEquals(60, challenges, "one 402 challenge per flow: " + load.out());
        assertEquals(paidOk, (long) summary.get("server_verification_success").asDouble());
        assertEquals(summary.get("client_status_counts"), summary.at("/client_status_counts_by_protocol/" + protocol));
        assertTrue(summary.get("payments_agree").asBoolean(), load.out());
        assertEquals(paidOk, summary.at("/server_payment_deltas_by_protocol/" + protocol + "/verified").asLong(), load.out());
        assertEquals(refused, summary.at("/server_payment_deltas_by_protocol/" + protocol + "/refused").asLong(), load.out());
    }

    @Test
    void aMixedLoadSendsEveryProtocolInTurnWithBadPaymentsAndStillReconciles() throws Exception {
        Run load = run("load", "--gateway", base, "-n", "90", "-c", "6", "--protocol", "mixed",
                "--invalid-ratio", "0.1", "--garbled-ratio", "0.1", "--json", "--no-progress");
        assertEquals(0, load.code(), load.out() + load.err());
        JsonNode summary = Json.MAPPER.readTree(load.out());
        assertTrue(summary.get("counts_agree").asBoolean(), load.out());
        assertEquals(summary.get("client_status_counts"), summary.get("server_status_deltas"));
        assertEquals(0, summary.get("unpayable_flows").asLong());
        JsonNode byProtocol = summary.get("client_status_counts_by_protocol");
        for (String protocol : new String[] {"x402", "x402-v1", "legacy"}) {
            long requests = 0;
            for (JsonNode count : byProtocol.get(protocol)) {
                requests += count.asLong();
            }
            assertEquals(60, requests, "30 flows of two requests each for " + protocol + ": " + byProtocol);
        }
        assertTrue(summary.at("/client_status_counts/500").isMissingNode(), "bad payments are never a 500: " + load.out());
        assertTrue(summary.get("payments_agree").asBoolean(), load.out());
        for (String protocol : new String[] {"x402", "x402-v1", "legacy"}) {
            assertEquals(summary.at("/paid_status_counts_by_protocol/" + protocol + "/200").asLong(),
                    summary.at("/server_payment_deltas_by_protocol/" + protocol + "/verified").asLong(),
                    "each served retry is one verified payment of its protocol: " + load.out());
        }
    }
}
