package io.microai.gateway;

import static io.microai.gateway.support.Errors.assertError;
import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.support.Ports;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.eip712.Secp256k1;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every bad x402 payment gets its documented status and code in the house error shape — 400 for a header
 * that is no payment, 402 with a fresh challenge for a payment that is not acceptable, 503 when it cannot be
 * checked — never a 500, and never reaches the cache or the AI provider.
 */
class X402RefusalTest {
    private static final String TEXT = "{\"text\":\"A refused payment never reaches the model. The refusal says why.\"}";
    private static final String OTHER_ADDRESS = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C";
    private static final String[] UNTOUCHED = {
        "gateway_cache_hits_total{path=\"/api/ai/summarize\"}",
        "gateway_cache_misses_total{path=\"/api/ai/summarize\"}",
        "gateway_ai_request_duration_seconds_count{outcome=\"ok\",provider=\"embedded\"}",
    };

    private static GatewayFixture stack;

    @BeforeAll
    static void start() {
        stack = new GatewayFixture();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static X402Payer.Payment v2() throws IOException, InterruptedException {
        return X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY);
    }

    private static X402Payer.Payment v1() throws IOException, InterruptedException {
        return X402Payer.v1(stack.summarize(TEXT), GatewayFixture.PAYER_KEY);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the headers to {@code gateway} and asserts the refusal, and that nothing past the payment step ran. */
    private static JsonNode refused(GatewayFixture gateway, int status, String code, String... headers) throws Exception {
        String before = gateway.scrape();
        HttpResponse<String> response = gateway.summarize(TEXT, headers);
        JsonNode body = assertError(response, status, code);
        String after = gateway.scrape();
        for (String series : UNTOUCHED) {
            assertEquals(value(before, series), value(after, series), series + " moved: the refused request went on");
        }
        assertTrue(after.contains("\n" + UNTOUCHED[1] + " "), "the cache's series are prepared, so the check above can fail");
        if (status == 402) {
            JsonNode fresh = X402Payer.paymentRequired(response);
            assertEquals(body.get("message").asText(), fresh.get("error").asText(), "the fresh challenge says why");
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals(1, body.get("x402Version").intValue(), "version 1's terms come along in the body");
        } else {
            assertTrue(response.headers().firstValue("PAYMENT-REQUIRED").isEmpty(), "only a 402 is a challenge");
        }
        return body;
    }

    private static JsonNode refused(int status, String code, String... headers) throws Exception {
        return refused(stack, status, code, headers);
    }

    @Test
    void aReplayedAuthorizationIsAlreadyUsed() throws Exception {
        X402Payer.Payment payment = v2();
        String[] headers = payment.headers();
        assertEquals(200, stack.summarize(TEXT, headers).statusCode());
        refused(402, "authorization_already_used", headers);
        refused(402, "authorization_already_used", headers);
    }

    @Test
    void aValueChangedAfterSigningIsTheWrongAmount() throws Exception {
        X402Payer.Payment payment = v2();
        payment.sign();
        payment.authorization().put("value", "1");
        refused(402, "amount_mismatch", payment.headerName, payment.encoded());
    }

    @Test
    void aNonceChangedAfterSigningRecoversToSomeoneElse() throws Exception {
        X402Payer.Payment payment = v2();
        payment.sign();
        payment.authorization().put("nonce", "0x" + "22".repeat(32));
        refused(402, "signer_mismatch", payment.headerName, payment.encoded());
    }

    @Test
    void aPaymentToAnotherRecipientIsRefused() throws Exception {
        X402Payer.Payment payment = v2();
        payment.accepted().put("payTo", OTHER_ADDRESS);
        payment.authorization().put("to", OTHER_ADDRESS);
        refused(402, "recipient_mismatch", payment.headers());
        X402Payer.Payment v1 = v1();
        v1.authorization().put("to", OTHER_ADDRESS);
        refused(402, "recipient_mismatch", v1.headers());
    }

    @Test
    void aSignatureOverAnotherTokenNameRecoversToSomeoneElse() throws Exception {
        refused(402, "signer_mismatch", v2().signedWithTokenName("USDC").headers());
    }

    @Test
    void anExpiredAuthorizationIsRefused() throws Exception {
        X402Payer.Payment payment = v2();
        payment.authorization().put("validBefore", Long.toString(now() + 3));
        refused(402, "expired", payment.headers());
    }

    @Test
    void anAuthorizationValidForLongerThanTheOfferIsRefused() throws Exception {
        X402Payer.Payment payment = v2();
        payment.authorization().put("validBefore", Long.toString(now() + 3600));
        refused(402, "valid_too_long", payment.headers());
    }

    @Test
    void anAuthorizationNotValidYetIsRefused() throws Exception {
        X402Payer.Payment payment = v1();
        payment.authorization().put("validAfter", Long.toString(now() + 120));
        refused(402, "not_yet_valid", payment.headers());
    }

    @Test
    void aPaymentOnAnotherNetworkIsRefusedInBothVersions() throws Exception {
        X402Payer.Payment v2 = v2();
        v2.accepted().put("network", "eip155:84532");
        refused(402, "network_mismatch", v2.headers());
        X402Payer.Payment v1 = v1();
        v1.root.put("network", "base-sepolia");
        refused(402, "network_mismatch", v1.headers());
    }

    @Test
    void aPaymentInAnotherAssetOrSchemeIsRefused() throws Exception {
        X402Payer.Payment asset = v2();
        asset.accepted().put("asset", OTHER_ADDRESS);
        refused(402, "asset_mismatch", asset.headers());
        X402Payer.Payment scheme = v2();
        scheme.accepted().put("scheme", "upto");
        refused(402, "unsupported_scheme", scheme.headers());
    }

    @Test
    void aSignatureThatRecoversToNoKeyIsInvalid() throws Exception {
        X402Payer.Payment payment = v2();
        payment.sign();
        ((ObjectNode) payment.root.get("payload")).put("signature", "0x" + "00".repeat(64) + "1b");
        refused(402, "invalid_signature", payment.headerName, payment.encoded());
    }

    @Test
    void aHeaderThatIsNotBase64IsMalformed() throws Exception {
        refused(400, "malformed_payment_header", "PAYMENT-SIGNATURE", "%%% not base64 %%%");
        refused(400, "malformed_payment_header", "X-PAYMENT", base64("{\"x402Version\":1}").replace("=", ""));
    }

    @Test
    void anOversizedHeaderIsRefusedBeforeDecoding() throws Exception {
        refused(400, "payment_header_too_large", "PAYMENT-SIGNATURE", "A".repeat(9000));
    }

    @Test
    void jsonThatIsNotAnObjectIsMalformed() throws Exception {
        refused(400, "malformed_payment_header", "PAYMENT-SIGNATURE", base64("[1,2,3]"));
        refused(400, "malformed_payment_header", "X-PAYMENT", base64("\"payment\""));
    }

    @Test
    void bothVersionsAtOnceAreMalformed() throws Exception {
        refused(400, "malformed_payment_header", "PAYMENT-SIGNATURE", v2().header(), "X-PAYMENT", v1().header());
    }

    @Test
    void aBadBodyIsRefusedFirstAndTheAuthorizationStaysUsable() throws Exception {
        String[] headers = v2().headers();
        assertError(stack.summarize("{\"text\":\"\"}", headers), 400, "empty_text");
        assertError(stack.summarize("not json", headers), 400, "invalid_request_body");
        assertEquals(200, stack.summarize(TEXT, headers).statusCode(), "the refused requests did not use the authorization");
    }

    @Test
    void aPaymentTheVerifierCannotCheckIs503AndStaysUsable() throws Exception {
        Map<String, String> down = Map.of("VERIFIER_URL", "http://127.0.0.1:" + Ports.closedPort(), "VERIFIER_TIMEOUT_SECONDS", "2");
        try (GatewayFixture blind = new GatewayFixture(down)) {
            X402Payer.Payment payment = X402Payer.v2(blind.summarize(TEXT), GatewayFixture.PAYER_KEY);
            refused(blind, 503, "verifier_unavailable", payment.headers());
            refused(blind, 503, "verifier_unavailable", payment.headers());
            String scrape = blind.scrape();
            assertEquals(2, value(scrape, "gateway_payments_total{outcome=\"unavailable\",protocol=\"x402\"}"), scrape);
            assertEquals(2, value(scrape, "gateway_verification_failures_total{reason=\"verifier_unavailable\"}"), scrape);
        }
    }

    @Test
    void aHighSSignatureIsInvalid() throws Exception {
        X402Payer.Payment payment = v2();
        payment.sign();
        String signature = payment.root.get("payload").get("signature").asText();
        BigInteger n = Secp256k1.N;
        BigInteger s = new BigInteger(signature.substring(66, 130), 16);
        int v = Integer.parseInt(signature.substring(130), 16);
        String highS = "0x" + signature.substring(2, 66) + String.format("%064x", n.subtract(s)) + String.format("%02x", v == 27 ? 28 : 27);
        ((ObjectNode) payment.root.get("payload")).put("signature", highS);
        refused(402, "invalid_signature", payment.headerName, payment.encoded());
    }
}
