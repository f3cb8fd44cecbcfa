package io.microai.gateway.hostile;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.GatewayConfig;
import io.microai.gateway.GatewayFixture;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that sends the headers of a paid attempt and never its body once held a worker per connection;
 * a handful of them stopped all paid traffic. Found with raw sockets from one address while a second client
 * paid, and proved the same way.
 */
class SlowBodyTest {
    private static final String TEXT = "{\"text\":\"The quick brown fox jumps over the lazy dog.\"}";
    private static final String HITS = "gateway_rate_limit_hits_total{path=\"/api/ai/summarize\"}";

    @Test
    void twoHundredStalledBodiesFromOneAddressLeaveEveryPaidRequestOfASecondClientAnswered() throws Exception {
        // Few workers, and a cap above the attack: only gathering bodies off the workers keeps the second client served.
        try (GatewayFixture stack = new GatewayFixture(Map.of("GATEWAY_WORKER_THREADS", "4", "MAX_IN_FLIGHT_PER_CLIENT", "1000"))) {
            List<RawClient> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    stalled.add(RawClient.connect(RawClient.ATTACKER, stack.gateway.port())
                            .send(RawClient.stalledPaidAttempt(GatewayConfig.SUMMARIZE_PATH, 100)));
                }
                assertAllPaidRequestsAnswered(stack, 10);
            } finally {
                for (RawClient c : stalled) {
                    c.close();
                }
            }
        }
    }

    @Test
    void stalledBodiesOverTheInFlightCapAreRefusedAt429AndCountedAndTheCapFreesWhenTheyClose() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("MAX_IN_FLIGHT_PER_CLIENT", "4"))) {
            String before = stack.scrape();
            List<RawClient> stalled = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < 10; i++) {
                    stalled.add(RawClient.connect(RawClient.ATTACKER, stack.gateway.port())
                            .send(RawClient.stalledPaidAttempt(GatewayConfig.SUMMARIZE_PATH, 100)));
                }
                // Which four are admitted depends on the order the server reads them in; the other six are refused.
                for (RawClient c : stalled) {
                    String answer = c.read(3_000);
                    if (!answer.isEmpty()) {
                        assertTrue(answer.startsWith("HTTP/1.1 429 "), answer);
                        assertTrue(answer.contains("\"code\":\"too_many_in_flight\""), answer);
                        refused++;
                    }
                }
                assertAllPaidRequestsAnswered(stack, 3); // another address is not affected
            } finally {
                for (RawClient c : stalled) {
                    c.close();
                }
            }
            assertEquals(6, refused);
            assertEquals(6, value(stack.scrape(), HITS) - value(before, HITS));
            // The closed attempts release their places: the attacker's address may start requests again.
            String answer = "";
            for (int attempt = 0; attempt < 50 && !answer.startsWith("HTTP/1.1 402 "); attempt++) {
                try (RawClient c = RawClient.connect(RawClient.ATTACKER, stack.gateway.port())) {
                    answer = c.send("POST " + GatewayConfig.SUMMARIZE_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}").read(5_000);
                }
                if (!answer.startsWith("HTTP/1.1 402 ")) {
                    Thread.sleep(100);
                }
            }
            assertTrue(answer.startsWith("HTTP/1.1 402 "), answer);
        }
    }

    /** {@code count} concurrent paid requests of the well-behaved client (127.0.0.1), each answered 200. */
    static void assertAllPaidRequestsAnswered(GatewayFixture stack, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String text = "{\"text\":\"paid request " + i + " of the client beside the attack.\"}";
                answers.add(pool.submit(() -> stack.pay(text)));
            }
            int answered = 0;
            for (Future<HttpResponse<String>> f : answers) {
                // A generous bound: before the fix these never came back at all.
                HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                answered++;
            }
            assertEquals(count, answered);
        } finally {
            pool.shutdownNow();
        }
    }

}
