package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Finds the repository's chain/ directory, insists its npm packages and node are installed, and reads the chain over JSON-RPC. */
final class ChainTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChainTestSupport() {
    }

    static Path chainDir() {
        Path here = Path.of("").toAbsolutePath();
        Path chain = null;
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("chain/package.json")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                chain = dir.resolve("chain");
                break;
            }
        }
        assertTrue(chain != null, "no chain/ directory above " + here);
        Path anvil = chain.resolve("node_modules/@foundry-rs/anvil/package.json");
        assertTrue(Files.isRegularFile(anvil), "the chain's npm packages are not installed: run chain/install"
                + " (scripts/install-test-tools does) — " + anvil + " is missing");
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node --version did not finish");
            assertEquals(0, node.exitValue(), "node --version failed");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("node is required for the local payment network (scripts/install-test-tools installs it)", e);
        }
        return chain;
    }

    /**
     * {@code chain/check-settlement.mjs} on the deployment: the transactions' receipts and transfers, payTo's and
     * the funded wallets' balances. Its exit code is not judged here (it is 1 while any transaction is unsettled);
     * the caller asserts on the report.
     */
    static com.fasterxml.jackson.databind.JsonNode checkSettlement(Path deployment, String... transactions)
            throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("node", "check-settlement.mjs",
                "--deployment", deployment.toString()));
        for (String tx : transactions) {
            command.addAll(java.util.List.of("--tx", tx));
        }
        Process p = new ProcessBuilder(command).directory(chainDir().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("check-settlement.mjs did not finish");
        }
        return JSON.readTree(out);
    }

    /** The JSON-RPC {@code result} of one call, as text (hex quantities and data). */
    static String rpc(String url, String method, String paramsJson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
                        + paramsJson + "}"))
                .build();
        var answer = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        var result = answer.get("result");
        return result.isTextual() ? result.asText() : result.toString();
    }

    /** The token balance of {@code holder}: an {@code eth_call} of balanceOf(address). */
    static java.math.BigInteger balanceOf(String rpcUrl, String token, String holder) throws IOException, InterruptedException {
        String data = "0x70a08231" + "0".repeat(24) + holder.substring(2).toLowerCase(java.util.Locale.ROOT);
        String result = rpc(rpcUrl, "eth_call", "[{\"to\":\"" + token + "\",\"data\":\"" + data + "\"},\"latest\"]");
        return new java.math.BigInteger(result.substring(2), 16);
    }
}
