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

/** `pay`, `receipt verify` and `load` against a real verifier and gateway over loopback. */
class PayAndLoadTest {
    private static final String KEY = "380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc";
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

    @Test
    void payWalksTheX402FlowAndItsReceiptVerifiesAgainstTheServerAddressOnly() throws Exception {
        Run paid = run("pay", "summarize", "--gateway", base, "--key", KEY, "--payer", "--json",
                "--text", "The gateway prices each request. The client signs. The verifier recovers the signer.");
        assertEquals(0, paid.code(), paid.err());
        JsonNode json = Json.MAPPER.readTree(paid.out());
        assertEquals(200, json.get("status").asInt());
        assertTrue(json.at("/response/result").asText().length() > 0);
        assertEquals("0x3cDB3d9e1B74692Bb1E3bb5fc81938151cA64b02", json.at("/receipt/receipt/payment/payer").asText());
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

    @Test
    void verboseShowsEachStepWithItsHeaders() {
        Run paid = run("pay", "summarize", "--gateway", base, "--text", "One sentence. Another one.", "-v");
        assertEquals(0, paid.code(), paid.err());
        assertTrue(paid.out().contains("< 402") && paid.out().contains("< 200"), paid.out());
        assertTrue(paid.out().toLowerCase().contains("x-402-signature"), paid.out());
    }

    @Test
    void loadCountsAgreeWithTheGatewaysOwnCounters() throws Exception {
        Run load = run("load", "--gateway", base, "-n", "60", "-c", "4", "--repeat-ratio", "0.5",
                "--invalid-ratio", "0.2", "--json", "--no-progress");
        assertEquals(0, load.code(), load.out() + load.err());
        JsonNode summary = Json.MAPPER.readTree(load.out());
        assertTrue(summary.get("counts_agree").asBoolean());
        assertEquals(summary.get("client_status_counts"), summary.get("server_status_deltas"));
        assertEquals(60, summary.at("/client_status_counts/402").asLong());
        long paidOk = summary.at("/client_status_counts/200").asLong();
        long refused = summary.at("/client_status_counts/403").asLong();
        assertEquals(60, paidOk + refused, "every paid retry is either served or refused for its signature");
        assertEquals(paidOk, (long) summary.get("server_verification_success").asDouble());
    }
}
