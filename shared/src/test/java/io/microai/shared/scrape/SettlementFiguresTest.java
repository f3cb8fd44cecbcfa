package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Revenue, settlement success and the facilitator's latency from two scrapes 60 s apart, worked out by hand. */
class SettlementFiguresTest {
    private static final String G1 = "http://g1/metrics";
    private static final String G2 = "http://g2/metrics";

    private static String gateway(int settled, int failed, int amount, int fast, int slow, int up) {
        return """
                # TYPE gateway_settlement_mode gauge
                gateway_settlement_mode{mode="facilitator"} 1
                gateway_settlement_mode{mode="none"} 0
                # TYPE gateway_payment_asset_info gauge
                gateway_payment_asset_info{asset="0xA0",decimals="6",network="eip155:31337"} 1
                # TYPE gateway_settled_amount_total counter
                gateway_settled_amount_total %d
                # TYPE gateway_settlements_total counter
                gateway_settlements_total{outcome="settled",protocol="x402"} %d
                gateway_settlements_total{outcome="failed",protocol="x402"} %d
                gateway_settlements_total{outcome="unavailable",protocol="x402"} 0
                # TYPE gateway_facilitator_request_duration_seconds histogram
                gateway_facilitator_request_duration_seconds_bucket{operation="settle",outcome="ok",le="0.1"} %d
                gateway_facilitator_request_duration_seconds_bucket{operation="settle",outcome="ok",le="1.0"} %d
                gateway_facilitator_request_duration_seconds_bucket{operation="settle",outcome="ok",le="+Inf"} %d
                # TYPE gateway_facilitator_up gauge
                gateway_facilitator_up %d
                """.formatted(amount, settled, failed, fast, fast + slow, fast + slow, up);
    }

    private static ScrapeResult ok(String target, double seconds, String text) {
        return new ScrapeResult.Success(RatesTest.at(target, seconds, text), Duration.ofMillis(3));
    }

    @Test
    void revenueIsTheSettledAmountPerMinuteInTokenUnitsAndSuccessIsSettledOverAllSettlements() {
        History h = new History(5);
        h.record(ok(G1, 0, gateway(0, 0, 0, 0, 0, 1)));
        // +90 settled of 1000 atomic units = 90 000 units in 60 s → 90 000 / 10^6 = 0.09 tokens per minute;
        // +10 failed → success 90 / 100; facilitator: 99 calls under 0.1 s and 1 between 0.1 and 1 s.
        h.record(ok(G1, 60, gateway(90, 10, 90_000, 99, 1, 1)));
        SettlementFigures s = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1), List.of()).gateway().settlement();
        assertEquals("facilitator", s.mode());
        assertEquals(0.09, s.revenuePerMinute(), 1e-12);
        assertEquals("0xA0", s.asset());
        assertEquals("eip155:31337", s.network());
        assertEquals(6, s.decimals());
        assertEquals(1.5, s.settledPerSecond(), 1e-12);
        assertEquals(0.9, s.successRatio(), 1e-12);
        // rank 0.99 * 100 = 99 falls at the top of the first bucket: p99 = 0.1 s
        assertEquals(0.1, s.facilitatorP99Seconds(), 1e-9);
        assertEquals(1, s.facilitatorUp());
        assertEquals(1, s.facilitatorTotal());
    }

    @Test
    void gatewaysThatDisagreeOnTheModeAreMixedAndADownFacilitatorIsCounted() {
        History h = new History(5);
        String none = """
                gateway_settlement_mode{mode="facilitator"} 0
                gateway_settlement_mode{mode="none"} 1
                """;
        h.record(ok(G1, 0, gateway(0, 0, 0, 0, 0, 0)));
        h.record(ok(G2, 0, none));
        h.record(ok(G1, 10, gateway(0, 0, 0, 0, 0, 0)));
        h.record(ok(G2, 10, none));
        SettlementFigures s = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1, G2), List.of()).gateway().settlement();
        assertEquals(SettlementFigures.MIXED, s.mode());
        assertEquals(0, s.facilitatorUp());
        assertEquals(1, s.facilitatorTotal());
        assertNull(s.successRatio(), "no settlement in the window");
        assertEquals(0.0, s.revenuePerMinute());
    }

    @Test
    void aGatewayWithoutSettlementMetricsHasNoMode() {
        History h = new History(5);
        h.record(ok(G1, 0, "gateway_active_requests 1\n"));
        h.record(ok(G1, 10, "gateway_active_requests 1\n"));
        SettlementFigures s = StackFigures.compute(h.window(Duration.ofMinutes(1)), List.of(G1), List.of()).gateway().settlement();
        assertNull(s.mode());
        assertNull(s.revenuePerMinute());
        assertNull(s.facilitatorTotal());
    }
}
