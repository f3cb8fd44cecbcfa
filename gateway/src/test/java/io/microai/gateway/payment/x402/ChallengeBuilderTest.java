package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChallengeBuilderTest {
    private static final String URL = "https://api.example.com/premium-data";

    /** The terms of the specification's own PaymentRequired example. */
    private static ChallengeBuilder specExample(String... more) {
        List<String> pairs = new ArrayList<>(List.of("PAYMENT_AMOUNT", "0.01"));
        pairs.addAll(List.of(more));
        return new ChallengeBuilder(Payments.settings(pairs.toArray(String[]::new)), "Access to premium market data",
                "application/json");
    }

    private static String decodedHeader(Challenge challenge) {
        String header = challenge.paymentRequired().orElseThrow();
        return new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
    }

    @Test
    void v2HeaderDecodesToTheSpecificationsExampleByteForByte() {
        Challenge challenge = specExample().challenge(URL, "PAYMENT-SIGNATURE header is required");
        String expected = "{\"x402Version\":2,\"error\":\"PAYMENT-SIGNATURE header is required\","
                + "\"resource\":{\"url\":\"https://api.example.com/premium-data\",\"description\":\"Access to premium market data\","
                + "\"mimeType\":\"application/json\"},"
                + "\"accepts\":[{\"scheme\":\"exact\",\"network\":\"eip155:84532\",\"amount\":\"10000\","
                + "\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\",\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
                + "\"maxTimeoutSeconds\":60,\"extra\":{\"name\":\"USDC\",\"version\":\"2\"}}],\"extensions\":{}}";
        assertEquals(expected, decodedHeader(challenge));
    }

    @Test
    void v2HeaderIsPaddedStandardBase64() throws Exception {
        String header = specExample().challenge(URL + "?q=é&x=~", ChallengeBuilder.PAYMENT_REQUIRED).paymentRequired().orElseThrow();
        assertEquals(0, header.length() % 4);
        assertTrue(header.matches("[A-Za-z0-9+/]+={0,2}"), header);
        JsonNode json = Json.MAPPER.readTree(Base64.getDecoder().decode(header));
        assertEquals(URL + "?q=é&x=~", json.get("resource").get("url").textValue());
    }

    @Test
    void amountIsADecimalStringAndTimeoutANumber() throws Exception {
        JsonNode accepts = Json.MAPPER.readTree(decodedHeader(specExample().challenge(URL, "x"))).get("accepts").get(0);
        assertTrue(accepts.get("amount").isTextual());
        assertTrue(accepts.get("maxTimeoutSeconds").isInt());
    }

    @Test
    void theErrorTextIsCarriedAndEscapedInBothVersions() throws Exception {
        Challenge challenge = specExample().challenge(URL, "quote \" and\nnewline");
        assertEquals("quote \" and\nnewline", Json.MAPPER.readTree(decodedHeader(challenge)).get("error").textValue());
        assertEquals("quote \" and\nnewline", challenge.v1Fields().orElseThrow().get("error").textValue());
    }

    @Test
    void aRefusalsChallengeCarriesItsDetailAsTheError() throws Exception {
        Challenge challenge = specExample().challenge(URL, new Refusal(X402Failure.EXPIRED, "validBefore is past"));
        assertEquals("validBefore is past", Json.MAPPER.readTree(decodedHeader(challenge)).get("error").textValue());
    }

    @Test
    void v1FieldsAreTheSpecificationsV1ShapeOnTheV1NetworkName() {
        ObjectNode v1 = specExample().challenge(URL, "Payment required to access this resource").v1Fields().orElseThrow();
        String expected = "{\"x402Version\":1,\"error\":\"Payment required to access this resource\",\"accepts\":[{"
                + "\"scheme\":\"exact\",\"network\":\"base-sepolia\",\"maxAmountRequired\":\"10000\","
                + "\"resource\":\"https://api.example.com/premium-data\",\"description\":\"Access to premium market data\","
                + "\"mimeType\":\"application/json\",\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
                + "\"maxTimeoutSeconds\":60,\"asset\":\"0x036CbD53842c5426634e7929541eC2318f3dCF7e\","
                + "\"extra\":{\"name\":\"USDC\",\"version\":\"2\"}}]}";
        assertEquals(expected, v1.toString());
    }

    @Test
    void v1FieldsAreAFreshCopyTheCallerMayExtend() {
        Challenge challenge = specExample().challenge(URL, "x");
        challenge.v1Fields().orElseThrow().put("paymentContext", "merged");
        assertFalse(challenge.v1Fields().orElseThrow().has("paymentContext"));
    }

    @Test
    void onlyTheOfferedVersionsAppear() {
        Challenge v2Only = specExample("PAYMENT_PROTOCOLS", "x402").challenge(URL, "x");
        assertTrue(v2Only.paymentRequired().isPresent());
        assertEquals(Optional.empty(), v2Only.v1Fields());
        Challenge v1Only = specExample("PAYMENT_PROTOCOLS", "x402-v1,legacy").challenge(URL, "x");
        assertEquals(Optional.empty(), v1Only.paymentRequired());
        assertTrue(v1Only.v1Fields().isPresent());
        assertEquals(Map.of("Cache-Control", "no-store"), v1Only.headers());
    }

    @Test
    void headersAreThePaymentRequiredValueAndNoStore() {
        Challenge challenge = specExample().challenge(URL, "x");
        assertEquals(Map.of("PAYMENT-REQUIRED", challenge.paymentRequired().orElseThrow(), "Cache-Control", "no-store"),
                challenge.headers());
    }

    @Test
    void eachRequestsUrlIsItsOwn() throws Exception {
        ChallengeBuilder builder = specExample();
        String a = Json.MAPPER.readTree(decodedHeader(builder.challenge("https://a.example/x", "e"))).get("resource").get("url").asText();
        String b = Json.MAPPER.readTree(decodedHeader(builder.challenge("https://b.example/y", "e"))).get("resource").get("url").asText();
        assertEquals("https://a.example/x", a);
        assertEquals("https://b.example/y", b);
    }
}
