package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code microai stack up --with-chain}: a real anvil, the token deployed to it with funded wallets, the
 * official facilitator on it, and the gateway priced in that token and settling through that facilitator;
 * {@code microai pay} pays with the chain's funded keys and the payment moves funds on the chain;
 * {@code stack down} stops every process. Needs node and the chain's npm packages
 * ({@code chain/install}): without them this test fails rather than skips.
 */
class StackChainIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int WALLETS = 3;

    private Path stateDir;
    private final List<Long> pids = new ArrayList<>();

    @BeforeEach
    void stateDir() throws Exception {
        ChainTestSupport.chainDir();
        stateDir = Files.createTempDirectory("microai-stack-chain-it").toRealPath();
    }

    @AfterEach
    void stopEverything() {
        StackCli.killEverythingOf(stateDir, pids);
        StackCli.deleteTree(stateDir);
    }

    @Test
    void upWithChainDeploysTheFundedTokenConfiguresTheGatewayPaysWithAFundedKeyAndDownStopsEverything() throws Exception {
        int gatewayPort = StackCli.freePort();
        int verifierPort = StackCli.freePort();
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--with-chain", "--chain-wallets", "" + WALLETS,
                "--gateway-port", "" + gatewayPort, "--verifier-port", "" + verifierPort,
                "-e", "RATE_LIMIT_ANONYMOUS_BURST=1000", "-e", "RATE_LIMIT_STANDARD_BURST=1000",
                "--state-dir", stateDir.toString());
        recordPids();
        assertEquals(0, up.exit(), up.all());
        assertEquals(5, pids.size(), up.all());
        assertTrue(up.out().contains("microai pay and load use them"), up.all());

        StackCli.Result status = StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString());
        assertEquals(0, status.exit(), status.all());
        JsonNode doc = StackCli.JSON.readTree(status.out());
        assertTrue(doc.path("healthy").asBoolean(), status.out());
        Map<String, JsonNode> services = new LinkedHashMap<>();
        for (JsonNode s : doc.path("services")) {
            services.put(s.path("name").asText(), s);
        }
        assertEquals(List.of("chain", "chain-deploy", "facilitator", "verifier", "gateway"), List.copyOf(services.keySet()), status.out());
        assertEquals("done", services.get("chain-deploy").path("status").asText(), status.out());
        assertEquals(0, services.get("chain-deploy").path("exit_code").asInt(-1), status.out());
        for (String name : List.of("chain", "facilitator", "verifier", "gateway")) {
            assertEquals("healthy", services.get(name).path("status").asText(), status.out());
        }

        JsonNode chain = doc.path("chain");
        String rpc = chain.path("rpc_url").asText();
        String token = chain.path("token").path("address").asText();
        String payTo = chain.path("pay_to").asText();
        String facilitatorUrl = chain.path("facilitator_url").asText();
        assertEquals(services.get("chain").path("url").asText(), rpc, status.out());
        assertEquals(services.get("facilitator").path("url").asText(), facilitatorUrl, status.out());
        assertEquals(84532, chain.path("chain_id").asLong(), status.out());
        assertEquals("eip155:84532", chain.path("network").asText(), status.out());
        assertEquals("base-sepolia", chain.path("network_v1").asText(), status.out());
        assertEquals("2", chain.path("token").path("version").asText(), status.out());
        assertEquals(6, chain.path("token").path("decimals").asInt(), status.out());
        assertTrue(token.matches("0x[0-9a-fA-F]{40}") && payTo.matches("0x[0-9a-fA-F]{40}"), status.out());
        Path keysFile = Path.of(chain.path("keys_file").asText());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(keysFile),
                "the keys file is readable by its owner only");
        JsonNode deployment = StackCli.JSON.readTree(keysFile.toFile());
        assertEquals(WALLETS, deployment.path("wallets").size(), deployment.toString());

        // On the chain itself: the token is code at that address, every wallet holds the minted amount, payTo nothing.
        assertEquals("0x14a34", ChainTestSupport.rpc(rpc, "eth_chainId", "[]"));
        assertTrue(ChainTestSupport.rpc(rpc, "eth_getCode", "[\"" + token + "\",\"latest\"]").length() > 1000, "the token is deployed");
        BigInteger minted = new BigInteger(deployment.path("minted_per_wallet").asText());
        assertTrue(minted.signum() > 0);
        for (JsonNode w : deployment.path("wallets")) {
            assertEquals(minted, ChainTestSupport.balanceOf(rpc, token, w.path("address").asText()), w.toString());
        }
        assertEquals(BigInteger.ZERO, ChainTestSupport.balanceOf(rpc, token, payTo));
        JsonNode report = ChainTestSupport.checkSettlement(keysFile);
        assertEquals("0", report.path("pay_to_balance").asText(), report.toString());
        assertEquals(WALLETS, report.path("balances").size(), report.toString());
        report.path("balances").forEach(b -> assertEquals(minted.toString(), b.asText(), report.toString()));

        // The facilitator settles on this chain, for both protocol versions.
        JsonNode supported = get(facilitatorUrl + "/supported");
        assertEquals("eip155:84532", supported.path("kinds").path(0).path("network").asText(), supported.toString());
        assertEquals("base-sepolia", supported.path("kinds").path(1).path("network").asText(), supported.toString());

        // The gateway asks for the deployed token, to payTo, on this chain, under the token's EIP-712 domain.
        String gateway = "http://127.0.0.1:" + gatewayPort;
        JsonNode terms = challengeTerms(gateway);
        assertEquals("eip155:84532", terms.path("network").asText(), terms.toString());
        assertEquals(token.toLowerCase(), terms.path("asset").asText().toLowerCase(), terms.toString());
        assertEquals(payTo.toLowerCase(), terms.path("payTo").asText().toLowerCase(), terms.toString());
        assertEquals(chain.path("token").path("name").asText(), terms.path("extra").path("name").asText(), terms.toString());
        assertEquals("2", terms.path("extra").path("version").asText(), terms.toString());

        // Without a key, pay uses the chain's first funded wallet.
        StackCli.Result pay = StackCli.run(Duration.ofSeconds(60), "pay", "summarize", "--gateway", gateway, "--json",
                "--state-dir", stateDir.toString(), "--text", "The chain is local. The token is ours. The wallet is funded.");
        assertEquals(0, pay.exit(), pay.all());
        JsonNode paid = StackCli.JSON.readTree(pay.out());
        assertEquals(200, paid.path("status").asInt(), pay.out());
        assertEquals(deployment.path("wallets").path(0).path("address").asText(), paid.path("payer").asText(), pay.all());
        assertTrue(pay.err().contains("a funded wallet of the stack's chain"), pay.all());

        // load spreads its flows over every funded wallet.
        StackCli.Result load = StackCli.run(Duration.ofSeconds(120), "load", "--gateway", gateway, "-n", "6", "--no-progress", "--json",
                "--state-dir", stateDir.toString());
        assertEquals(0, load.exit(), load.all());
        assertTrue(load.err().contains("paying from " + WALLETS + " funded wallets of the stack's chain"), load.all());
        assertEquals(6, StackCli.JSON.readTree(load.out()).path("client_status_counts").path("200").asLong(), load.all());

        StackCli.Result down = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
        assertEquals(0, down.exit(), down.all());
        for (String name : List.of("gateway", "verifier", "facilitator", "chain")) {
            assertTrue(down.out().contains(name + ": stopped"), down.all());
        }
        assertFalse(down.out().contains("chain-deploy"), "a finished step is not reported as stopped: " + down.all());
        for (long pid : pids) {
            assertFalse(StackCli.alive(pid), "pid " + pid + " stopped: " + down.all());
        }
        for (JsonNode s : services.values()) {
            if (s.path("port").asInt() > 0) {
                assertTrue(StackCli.portFree(s.path("port").asInt()), s.path("name").asText() + "'s port is free again");
            }
        }
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)), "state file removed");
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()));
    }

    /**
     * With the gateway settling through the facilitator: one paid request is one transfer on the chain, mined and
     * successful, moving exactly the price from the paying wallet to payTo.
     */
    @Test
    void aPaidRequestSettlesInAMinedTransactionAndMovesExactlyThePriceFromThePayerToPayTo() throws Exception {
        int gatewayPort = StackCli.freePort();
        int verifierPort = StackCli.freePort();
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--with-chain", "--chain-wallets", "2",
                "--gateway-port", "" + gatewayPort, "--verifier-port", "" + verifierPort, "--state-dir", stateDir.toString());
        recordPids();
        assertEquals(0, up.exit(), up.all());
        JsonNode chain = StackCli.JSON.readTree(StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString()).out())
                .path("chain");
        String rpc = chain.path("rpc_url").asText();
        String token = chain.path("token").path("address").asText();
        String payTo = chain.path("pay_to").asText();
        Path keysFile = Path.of(chain.path("keys_file").asText());
        JsonNode deployment = StackCli.JSON.readTree(keysFile.toFile());
        String payer = deployment.path("wallets").path(0).path("address").asText();
        String bystander = deployment.path("wallets").path(1).path("address").asText();
        BigInteger minted = new BigInteger(deployment.path("minted_per_wallet").asText());
        String gateway = "http://127.0.0.1:" + gatewayPort;
        BigInteger price = new BigInteger(challengeTerms(gateway).path("amount").asText());
        assertTrue(price.signum() > 0, "the gateway names a price");

        StackCli.Result pay = StackCli.run(Duration.ofSeconds(60), "pay", "summarize", "--gateway", gateway, "--json",
                "--state-dir", stateDir.toString(), "--text", "Settlement is real now. The funds move on the local chain.");
        assertEquals(0, pay.exit(), pay.all());
        JsonNode paid = StackCli.JSON.readTree(pay.out());
        assertEquals(200, paid.path("status").asInt(), pay.out());
        JsonNode settlement = paid.path("settlement").path("response");
        assertTrue(settlement.path("success").asBoolean(), pay.out());
        String tx = settlement.path("transaction").asText();
        assertTrue(tx.matches("0x[0-9a-fA-F]{64}"), pay.out());

        JsonNode receipt = StackCli.JSON.readTree(ChainTestSupport.rpc(rpc, "eth_getTransactionReceipt", "[\"" + tx + "\"]"));
        assertEquals("0x1", receipt.path("status").asText(), "mined and successful: " + receipt);
        assertTrue(receipt.path("blockNumber").asText().startsWith("0x"), receipt.toString());
        JsonNode check = ChainTestSupport.checkSettlement(keysFile, tx);
        assertTrue(check.path("all_settled").asBoolean(), check.toString());
        assertEquals(1, check.path("transactions").path(0).path("transfers").size(), check.toString());
        JsonNode transfer = check.path("transactions").path(0).path("transfers").path(0);
        assertEquals(payer.toLowerCase(), transfer.path("from").asText().toLowerCase(), check.toString());
        assertEquals(payTo.toLowerCase(), transfer.path("to").asText().toLowerCase(), check.toString());
        assertEquals(price, new BigInteger(transfer.path("value").asText()), check.toString());

        assertEquals(price, ChainTestSupport.balanceOf(rpc, token, payTo), "payTo rose by exactly the price");
        assertEquals(minted.subtract(price), ChainTestSupport.balanceOf(rpc, token, payer), "the payer fell by exactly the price");
        assertEquals(minted, ChainTestSupport.balanceOf(rpc, token, bystander), "the other wallet did not move");

        StackCli.Result down = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
        assertEquals(0, down.exit(), down.all());
        for (long pid : pids) {
            assertFalse(StackCli.alive(pid), "pid " + pid + " stopped: " + down.all());
        }
    }

    @Test
    void theChainComposesWithAFleetSharingRedisAndPrometheusAndEveryGatewayPricesInTheDeployedToken() throws Exception {
        int gatewayPort = StackCli.freeConsecutivePorts(2);
        int verifierPort = StackCli.freePort();
        int prometheusPort = StackCli.freePort();
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--with-chain", "--gateways", "2", "--with-redis", "--with-prometheus",
                "--prometheus-port", "" + prometheusPort, "--gateway-port", "" + gatewayPort, "--verifier-port", "" + verifierPort,
                "--chain-wallets", "2", "--state-dir", stateDir.toString());
        recordPids();
        assertEquals(0, up.exit(), up.all());
        StackCli.Result status = StackCli.run("stack", "status", "--json", "--state-dir", stateDir.toString());
        assertEquals(0, status.exit(), status.all());
        JsonNode doc = StackCli.JSON.readTree(status.out());
        List<String> names = new ArrayList<>();
        doc.path("services").forEach(s -> names.add(s.path("name").asText()));
        assertEquals(List.of("redis", "chain", "chain-deploy", "facilitator", "verifier", "gateway-1", "gateway-2", "prometheus"), names,
                status.out());
        String token = doc.path("chain").path("token").path("address").asText();
        String payTo = doc.path("chain").path("pay_to").asText();
        for (int port : List.of(gatewayPort, gatewayPort + 1)) {
            JsonNode terms = challengeTerms("http://127.0.0.1:" + port);
            assertEquals(token.toLowerCase(), terms.path("asset").asText().toLowerCase(), "gateway on " + port + ": " + terms);
            assertEquals(payTo.toLowerCase(), terms.path("payTo").asText().toLowerCase(), "gateway on " + port + ": " + terms);
        }
        StackCli.Result down = StackCli.run("stack", "down", "--state-dir", stateDir.toString());
        assertEquals(0, down.exit(), down.all());
        for (long pid : pids) {
            assertFalse(StackCli.alive(pid), "pid " + pid + " stopped: " + down.all());
        }
        assertEquals(List.of(), StackCli.processesMentioning(stateDir.toString()));
    }

    @Test
    void chainPortsWithoutWithChainAreAUsageErrorAndStartNothing() throws Exception {
        StackCli.Result up = StackCli.run("stack", "up", "-d", "--chain-port", "" + StackCli.freePort(), "--state-dir", stateDir.toString());
        assertEquals(2, up.exit(), up.all());
        assertTrue(up.err().contains("--with-chain"), up.all());
        assertFalse(Files.exists(stateDir.resolve(StackFiles.STATE_FILE)));
    }

    /** The first requirement of the gateway's x402 v2 challenge to an unpaid request. */
    private static JsonNode challengeTerms(String gateway) throws Exception {
        HttpResponse<String> challenge = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/ai/summarize"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Hello there.\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(402, challenge.statusCode(), challenge.body());
        return StackCli.JSON.readTree(Base64.getDecoder().decode(challenge.headers().firstValue("PAYMENT-REQUIRED").orElseThrow()))
                .path("accepts").path(0);
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), url + " " + r.body());
        JsonNode body = StackCli.JSON.readTree(r.body());
        assertNotNull(body);
        return body;
    }

    private void recordPids() {
        try {
            for (JsonNode s : StackCli.readState(stateDir).path("services")) {
                pids.add(s.path("pid").asLong());
            }
        } catch (Exception noState) {
            // nothing was recorded
        }
    }
}
