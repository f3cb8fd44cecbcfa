package io.microai.gateway;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.support.X402Payer;
import io.microai.shared.testing.Promtool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gateway_payments_total{protocol,outcome} counts every paid attempt exactly once, beside the verification
 * families, which count x402 payments too; all nine series exist before the first payment.
 */
class PaymentMetricsTest {
    private static final String TEXT = "{\"text\":\"Each paid attempt is counted once. By protocol and by outcome.\"}";
    private static final List<String> PROTOCOLS = List.of("x402", "x402-v1", "legacy");
    private static final List<String> OUTCOMES = List.of("verified", "refused", "unavailable");

    private static String payments(String protocol, String outcome) {
        return "gateway_payments_total{outcome=\"" + outcome + "\",protocol=\"" + protocol + "\"}";
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    @Test
    void allNineSeriesExportZeroBeforeTheFirstPayment() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("PAYMENT_PROTOCOLS", "legacy"))) {
            String scrape = stack.scrape();
            for (String protocol : PROTOCOLS) {
                for (String outcome : OUTCOMES) {
                    assertTrue(scrape.contains("\n" + payments(protocol, outcome) + " 0"), payments(protocol, outcome) + " in\n" + scrape);
                }
            }
        }
    }

    @Test
    void mixedTrafficIsCountedExactlyByProtocolAndOutcome() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            String before = stack.scrape();
            String[] v2 = X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY).headers();
            assertEquals(200, stack.summarize(TEXT, v2).statusCode());
            assertEquals(402, stack.summarize(TEXT, v2).statusCode(), "replayed");
            assertEquals(400, stack.summarize(TEXT, "PAYMENT-SIGNATURE", "garbage").statusCode());
            assertEquals(200, stack.summarize(TEXT, X402Payer.v1(stack.summarize(TEXT), GatewayFixture.PAYER_KEY).headers()).statusCode());
            X402Payer.Payment otherName = X402Payer.v1(stack.summarize(TEXT), GatewayFixture.PAYER_KEY).signedWithTokenName("USDC");
            assertEquals(402, stack.summarize(TEXT, otherName.headers()).statusCode());
            assertEquals(200, stack.pay(TEXT).statusCode());
            assertEquals(400, stack.summarize(TEXT, "X-402-Signature", "0x" + "ab".repeat(65), "X-402-Nonce", "never-issued").statusCode());
            assertEquals(400, stack.summarize("{\"text\":\"\"}", v2).statusCode(), "a bad body is no paid attempt");
            String after = stack.scrape();

            Map<String, Integer> expected = Map.of(
                    payments("x402", "verified"), 1, payments("x402", "refused"), 2, payments("x402", "unavailable"), 0,
                    payments("x402-v1", "verified"), 1, payments("x402-v1", "refused"), 1, payments("x402-v1", "unavailable"), 0,
                    payments("legacy", "verified"), 1, payments("legacy", "refused"), 1, payments("legacy", "unavailable"), 0);
            expected.forEach((series, count) -> assertEquals((double) count, delta(before, after, series), series));
            assertEquals(3, delta(before, after, "gateway_verification_total{result=\"success\"}"));
            assertEquals(4, delta(before, after, "gateway_verification_total{result=\"failure\"}"));
            assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"authorization_already_used\"}"));
            assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"malformed_payment_header\"}"));
            assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"signer_mismatch\"}"));
            assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"nonce_unknown\"}"));
            assertEquals("", Promtool.checkMetrics(after));
        }
    }
}
