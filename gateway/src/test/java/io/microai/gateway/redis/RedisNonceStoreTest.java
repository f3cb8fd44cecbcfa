package io.microai.gateway.redis;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.http.GatewayMetrics;
import io.microai.gateway.payment.IssuedPayment;
import io.microai.gateway.payment.Lookup;
import io.microai.gateway.payment.Lookup.Status;
import io.microai.gateway.store.RedisConnector;
import io.microai.gateway.store.RedisNonceStore;
import io.microai.gateway.store.StoreUnavailableException;
import io.microai.gateway.support.Ports;
import io.microai.shared.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.microai.shared.testing.Exposition;

/** The in-memory store's cases, where they apply, against a real private Redis (real time: short TTLs). */
class RedisNonceStoreTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofHours(1);
    private static RedisServer server;

    private final Metrics metrics = new Metrics();
    private final GatewayMetrics gatewayMetrics = new GatewayMetrics(metrics);
    private final List<RedisConnector> connectors = new ArrayList<>();
    private RedisNonceStore store;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        server.flushAll();
        store = store(TTL, GRACE);
    }

    @AfterEach
    void tearDown() {
        connectors.forEach(RedisConnector::close);
    }

    private RedisConnector connector(String url) {
        RedisConnector c = new RedisConnector(url, Duration.ofMillis(500), gatewayMetrics);
        connectors.add(c);
        return c;
    }

    private RedisNonceStore store(Duration ttl, Duration grace) {
        return new RedisNonceStore(connector(server.url()), ttl, grace, Clock.systemUTC());
    }

    private static IssuedPayment payment(String nonce, Duration ttl) {
        long now = System.currentTimeMillis();
        return new IssuedPayment("0x1111111111111111111111111111111111111111", "USDC", "0.001", nonce, 8453L,
                now, now + ttl.toMillis());
    }

    private IssuedPayment issue(RedisNonceStore s, String nonce, Duration ttl) {
        IssuedPayment p = payment(nonce, ttl);
        s.issue(nonce, p);
        return p;
    }

    @Test
    void issuePeekConsumeThenReplay() {
        IssuedPayment p = issue(store, "n1", TTL);
        Lookup peek = store.peek("n1");
        assertEquals(Status.AVAILABLE, peek.status());
        assertEquals(p, peek.payment());
        assertEquals(Status.AVAILABLE, store.peek("n1").status(), "peek does not consume");

        Lookup consumed = store.consume("n1");
        assertEquals(Status.CONSUMED, consumed.status());
        assertEquals(p, consumed.payment());

        assertEquals(Status.ALREADY_USED, store.consume("n1").status());
        assertEquals(Status.ALREADY_USED, store.peek("n1").status());
        assertNull(store.consume("n1").payment());
    }

    @Test
    void paymentRoundTripsExactly() {
        long now = System.currentTimeMillis();
        IssuedPayment p = new IssuedPayment("0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219", "USDC",
                "123456789012345678901234567890.123456789012345678", "round-trip", Long.MAX_VALUE, now, now + 60_000);
        store.issue("round-trip", p);
        assertEquals(p, store.peek("round-trip").payment());
        assertEquals(p, store.consume("round-trip").payment(), "chain id and amount survive the Lua script untouched");
    }

    @Test
    void unknownNonce() {
        assertEquals(Status.UNKNOWN, store.peek("never").status());
        assertEquals(Status.UNKNOWN, store.consume("never").status());
        assertEquals(Status.UNKNOWN, store.consume(null).status());
        assertEquals(Status.UNKNOWN, store.peek("never").status(), "consume of unknown creates nothing");
    }

    @Test
    void expiredAfterTtlThenForgottenAfterGrace() throws Exception {
        RedisNonceStore short_ = store(Duration.ofMillis(600), Duration.ofMillis(1200));
        issue(short_, "n", TTL);
        assertEquals(Status.AVAILABLE, short_.peek("n").status());
        Thread.sleep(900);
        assertEquals(Status.EXPIRED, short_.peek("n").status());
        assertEquals(Status.EXPIRED, short_.consume("n").status());
        assertEquals(Status.EXPIRED, store.peek("n").status(), "another gateway's store with another grace agrees");
        Thread.sleep(1200);
        assertEquals(Status.UNKNOWN, short_.peek("n").status());
        assertEquals(Status.UNKNOWN, short_.consume("n").status());
    }

    @Test
    void usedNonceIsRememberedThroughTheGracePeriodOnly() throws Exception {
        RedisNonceStore short_ = store(Duration.ofMillis(600), Duration.ofMillis(900));
        issue(short_, "n", TTL);
        long before = Long.parseLong(server.command("PTTL", RedisNonceStore.key("n")).substring(1));
        assertEquals(Status.CONSUMED, short_.consume("n").status());
        long after = Long.parseLong(server.command("PTTL", RedisNonceStore.key("n")).substring(1));
        assertTrue(after <= before && after > 0, "marking used does not extend retention: " + before + " → " + after);
        Thread.sleep(1000);
        assertEquals(Status.ALREADY_USED, short_.consume("n").status(), "remembered past the TTL, within the grace period");
        Thread.sleep(800);
        assertEquals(Status.UNKNOWN, short_.consume("n").status(), "still rejected, just less precisely");
    }

    @Test
    void paymentExpiryShorterThanTtlWins() throws Exception {
        long now = System.currentTimeMillis();
        store.issue("short", new IssuedPayment("r", "USDC", "1", "short", 1, now, now + 300));
        Thread.sleep(450);
        assertEquals(Status.EXPIRED, store.consume("short").status());
    }

    @Test
    void reissuingIsRefusedSoSpentNoncesStaySpent() {
        issue(store, "n", TTL);
        store.consume("n");
        assertThrows(IllegalStateException.class, () -> store.issue("n", payment("n", TTL)));
        assertEquals(Status.ALREADY_USED, store.peek("n").status());
        assertThrows(IllegalArgumentException.class, () -> store.issue("a", payment("b", TTL)));
    }

    @Test
    void keysAreNamespacedAndLiveForTtlPlusGrace() throws Exception {
        issue(store, "layout", TTL);
        String key = "microai:nonce:layout";
        assertEquals(key, RedisNonceStore.key("layout"));
        long pttl = Long.parseLong(server.command("PTTL", key).substring(1));
        assertTrue(pttl > GRACE.toMillis() && pttl <= TTL.plus(GRACE).toMillis(), "pttl " + pttl);
        assertTrue(server.command("GET", key).startsWith("{\"state\":\"issued\",\"grace_ms\":3600000,\"payment\":{"),
                server.command("GET", key));
        store.consume("layout");
        assertTrue(server.command("GET", key).startsWith("{\"state\":\"used\",\"grace_ms\":3600000,"), server.command("GET", key));
    }

    @Test
    void concurrentConsumersOnSeparateConnectionsGetExactlyOneSuccess() throws Exception {
        RedisNonceStore[] gateways = {store, store(TTL, GRACE)};
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 10; round++) {
                String nonce = "race-" + round;
                issue(gateways[round % 2], nonce, TTL);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Lookup>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    RedisNonceStore s = gateways[i % 2];
                    results.add(pool.submit(() -> {
                        go.await();
                        return s.consume(nonce);
                    }));
                }
                go.countDown();
                int consumed = 0;
                int alreadyUsed = 0;
                for (Future<Lookup> f : results) {
                    Status s = f.get(30, TimeUnit.SECONDS).status();
                    if (s == Status.CONSUMED) {
                        consumed++;
                    } else if (s == Status.ALREADY_USED) {
                        alreadyUsed++;
                    }
                }
                assertEquals(1, consumed, nonce);
                assertEquals(49, alreadyUsed, nonce);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aValueInAnotherFormatFailsClosedAsAStoreError() throws Exception {
        server.command("SET", RedisNonceStore.key("alien"), "not json", "PX", "60000");
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> store.consume("alien"));
        assertEquals(StoreUnavailableException.Reason.ERROR, e.reason());
        assertThrows(StoreUnavailableException.class, () -> store.peek("alien"));
        assertEquals(2, value(Exposition.text(metrics), "gateway_store_errors_total{reason=\"error\",store=\"nonce\"}"));
    }

    @Test
    void unreachableRedisFailsFastAsUnavailable() {
        RedisNonceStore down = new RedisNonceStore(connector("redis://127.0.0.1:" + Ports.closedPort()), TTL, GRACE, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> down.consume("n"));
            assertEquals(StoreUnavailableException.Reason.UNAVAILABLE, e.reason());
            assertEquals(StoreUnavailableException.Store.NONCE, e.store());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "failed fast");
        }
        assertThrows(StoreUnavailableException.class, () -> down.issue("n", payment("n", TTL)));
        String text = Exposition.text(metrics);
        assertEquals(4, value(text, "gateway_store_errors_total{reason=\"unavailable\",store=\"nonce\"}"), text);
        assertTrue(value(text, "gateway_store_request_duration_seconds_count{operation=\"consume\",store=\"nonce\"}") >= 3, text);
    }
}
