package io.microai.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.microai.shared.http.HttpService;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Bodies are gathered by the I/O threads, so clients that never finish theirs hold no worker. */
class StalledBodyTest {

    @Test
    void moreStalledBodiesThanWorkersLeaveAValidVerificationAnswered() throws Exception {
        VerifierFixture.Vector v = VerifierFixture.vectors().get(0);
        try (VerifierFixture verifier = new VerifierFixture()) {
            int port = URI.create(verifier.base).getPort();
            List<Socket> stalled = new ArrayList<>();
            try {
                // Undertow's default pool is 8 workers per I/O thread; this is several times that on any machine here.
                int count = 8 * Math.max(2, Runtime.getRuntime().availableProcessors()) * 4;
                for (int i = 0; i < count; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"con")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stalled.add(socket);
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(verifier.base + "/verify"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(v.json())).build();
                CompletableFuture<HttpResponse<String>> answer =
                        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
                // Only a guard against hanging: with bodies read on workers the answer waited for the read timeout
                // to close stalled connections and free a worker, which the check below then sees.
                HttpResponse<String> response = answer.get(2L * HttpService.READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(v.signer(), VerifierFixture.JSON.readTree(response.body()).get("recovered_address").asText());
                for (Socket s : stalled) {
                    s.setSoTimeout(10);
                    // Still open and unanswered: the verification did not have to wait for any of them to give up.
                    assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }
}
