package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.ChallengeBuilder;
import io.microai.gateway.payment.x402.CheckedPayment;
import io.microai.gateway.payment.x402.DecodedPayment;
import io.microai.gateway.payment.x402.Outcome;
import io.microai.gateway.payment.x402.PaymentChecks;
import io.microai.gateway.payment.x402.PaymentHeaderDecoder;
import io.microai.gateway.payment.x402.PaymentProtocols;
import io.microai.gateway.payment.x402.X402Failure;
import io.microai.gateway.payment.x402.X402Settings;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.config.Env;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.Signature;
import io.microai.shared.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The x402 payments the CLI builds: identical to the official client's for the same inputs, and accepted by the
 * gateway's own decoder and checks (or refused with the intended code when tampered with).
 */
class X402PayerTest {
    /** The well-known first development account (anvil, hardhat): the key the official client's captured run used. */
    static final Wallet DEV_ACCOUNT = Wallet.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final String RESOURCE = "{\"url\":\"http://127.0.0.1:43745/v2\",\"description\":\"chat\",\"mimeType\":\"application/json\"}";
    static final String ACCEPTED = "{\"scheme\":\"exact\",\"network\":\"eip155:31337\",\"amount\":\"1000\","
            + "\"asset\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\",\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\","
            + "\"maxTimeoutSeconds\":60,\"extra\":{\"name\":\"Test Token ü\",\"version\":\"2\"}}";
    /** PAYMENT-SIGNATURE as @x402/fetch 2.27.0 sent it for these terms, that key, the nonce below and validBefore 1796158674. */
    static final String OFFICIAL_V2 = "eyJ4NDAyVmVyc2lvbiI6MiwicGF5bG9hZCI6eyJhdXRob3JpemF0aW9uIjp7ImZyb20iOiIweGYzOUZkNmU1MWFhZDg4RjZGNGNlNmFCODgyNzI3OWNmZkZiOTIyNjYiLCJ0byI6IjB4MjA5NjkzQmM2YWZjMEM1MzI4YkEzNkZhRjAzQzUxNEVGMzEyMjg3QyIsInZhbHVlIjoiMTAwMCIsInZhbGlkQWZ0ZXIiOiIwIiwidmFsaWRCZWZvcmUiOiIxNzk2MTU4Njc0Iiwibm9uY2UiOiIweGIxZjE0ZmQxNjkyMGNjMjQzOTgzYmY1MDIyZGE0NjFiMjc2NTNjNjYzMjFjN2MxYmUwNjQxYWQyNjkwNmEwNTEifSwic2lnbmF0dXJlIjoiMHhlMGU5MzkwMTVhNGNmOGE3YzhkMjA0NzlmZTBkMTZjNGY0Y2FlNWVlMjIxMTBmN2VlOTVlYjMzOTZkOWU1ZTYyM2ZhMWM3OGRjOGFkM2MzOWI4OTQ5ZWRkNDNlNDZlYjE0ODY5MGRmOGEzZTVmODljYjQxODM4MmI4YmIzMTQ1NDFjIn0sImV4dGVuc2lvbnMiOnt9LCJyZXNvdXJjZSI6eyJ1cmwiOiJodHRwOi8vMTI3LjAuMC4xOjQzNzQ1L3YyIiwiZGVzY3JpcHRpb24iOiJjaGF0IiwibWltZVR5cGUiOiJhcHBsaWNhdGlvbi9qc29uIn0sImFjY2VwdGVkIjp7InNjaGVtZSI6ImV4YWN0IiwibmV0d29yayI6ImVpcDE1NTozMTMzNyIsImFtb3VudCI6IjEwMDAiLCJhc3NldCI6IjB4NUZiREIyMzE1Njc4YWZlY2IzNjdmMDMyZDkzRjY0MmY2NDE4MGFhMyIsInBheVRvIjoiMHgyMDk2OTNCYzZhZmMwQzUzMjhiQTM2RmFGMDNDNTE0RUYzMTIyODdDIiwibWF4VGltZW91dFNlY29uZHMiOjYwLCJleHRyYSI6eyJuYW1lIjoiVGVzdCBUb2tlbiDDvCIsInZlcnNpb24iOiIyIn19fQ==";
    /** X-PAYMENT as the same client sent it over v1 on base-sepolia for the same token, with validBefore 1796158643. */
    static final String OFFICIAL_V1 = "eyJ4NDAyVmVyc2lvbiI6MSwic2NoZW1lIjoiZXhhY3QiLCJuZXR3b3JrIjoiYmFzZS1zZXBvbGlhIiwicGF5bG9hZCI6eyJhdXRob3JpemF0aW9uIjp7ImZyb20iOiIweGYzOUZkNmU1MWFhZDg4RjZGNGNlNmFCODgyNzI3OWNmZkZiOTIyNjYiLCJ0byI6IjB4MjA5NjkzQmM2YWZjMEM1MzI4YkEzNkZhRjAzQzUxNEVGMzEyMjg3QyIsInZhbHVlIjoiMTAwMCIsInZhbGlkQWZ0ZXIiOiIxNzk2MTU3OTgzIiwidmFsaWRCZWZvcmUiOiIxNzk2MTU4NjQzIiwibm9uY2UiOiIweDQwM2ExMmYwMTY0MmI3OTcxOTJkZjk5N2UxMzUzMTE3NTVmZTI2MGU3M2U1ZTRmODAzMTg1OGU1NzlhZjY0ODYifSwic2lnbmF0dXJlIjoiMHg2MThmZTU3NDA5Y2I0NDBjNWRiZmEwY2U4OTgwZGE4NzI3YmU3NTQxMzkyZDI2N2ZlZGZiYzUyODgxMzNkZWUzMjBkZTU1N2Y1YTExZjEyMzQwMjZmMWZjMTFjM2UzMzdiNDE2NmIzOWFiODZmZTdjMWEwNjg4NWVkYzEyMzU4NjFjIn19";

    private static final long NOW = 1_796_158_614L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final X402Settings SETTINGS = X402Settings.from(new Env(Map.of()), PaymentProtocols.from(new Env(Map.of()))).orElseThrow();
    private static final ChallengeBuilder CHALLENGES = new ChallengeBuilder(SETTINGS, "Summarize text with AI", "application/json");
    private static final String URL = "http://127.0.0.1:4021/api/ai/summarize";

    private static X402Payer payer(X402Version version, String nonce) {
        return new X402Payer(version, CLOCK, () -> nonce, Optional.empty());
    }

    private static X402Payer payer(X402Version version) {
        return new X402Payer(version, CLOCK, X402Payer::randomNonce, Optional.empty());
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode decoded(String header) throws Exception {
        return Json.MAPPER.readTree(Base64.getDecoder().decode(header));
    }

    private static X402Terms gatewayTerms(X402Version version) throws UnpayableChallenge {
        var challenge = CHALLENGES.challenge(URL, ChallengeBuilder.PAYMENT_REQUIRED);
        return version == X402Version.V2 ? X402Terms.fromPaymentRequired(challenge.paymentRequired().orElseThrow())
                : X402Terms.fromV1Body(challenge.v1Fields().orElseThrow().toString());
    }

    /** What the gateway makes of a header: decoded, checked, and the signer judged as the verifier recovers it. */
    private static Outcome<String> gatewayVerdict(X402Version version, String header) {
        Outcome<DecodedPayment> decoded = new PaymentHeaderDecoder(SETTINGS.versions()).decode(version, header);
        Outcome<CheckedPayment> checked = decoded.then(new PaymentChecks(SETTINGS, CLOCK)::check);
        PaymentChecks checks = new PaymentChecks(SETTINGS, CLOCK);
        return checked.then(c -> checks.confirmSigner(c, recover(c)));
    }

    private static Optional<String> recover(CheckedPayment payment) {
        try {
            return Optional.of(Address.toChecksum(
                    Eip3009Signatures.recoverSigner(payment.domain(), payment.message(), Signature.parse(payment.signature()))));
        } catch (Eip712Exception e) {
            return Optional.empty();
        }
    }

    @Test
    void theV2HeaderIsByteForByteTheOneTheOfficialClientSentForTheSameTermsKeyNonceAndTime() throws Exception {
        String paymentRequired = base64("{\"x402Version\":2,\"error\":\"Payment required\",\"resource\":" + RESOURCE
                + ",\"accepts\":[" + ACCEPTED + "],\"extensions\":{}}");
        X402Terms terms = X402Terms.fromPaymentRequired(paymentRequired);
        ObjectNode payment = payer(X402Version.V2, "0xb1f14fd16920cc243983bf5022da461b27653c66321c7c1be0641ad26906a051")
                .payment(terms, DEV_ACCOUNT, Tamper.NONE);
        assertEquals(OFFICIAL_V2, X402PaymentPayload.encode(payment));
    }

    @Test
    void theV1HeaderIsByteForByteTheOneTheOfficialClientSentForTheSameTermsKeyNonceAndTime() throws Exception {
        String body = "{\"x402Version\":1,\"error\":\"Payment required\",\"accepts\":[{\"scheme\":\"exact\",\"network\":\"base-sepolia\","
                + "\"maxAmountRequired\":\"1000\",\"resource\":\"http://127.0.0.1:43745/v1\",\"description\":\"chat\","
                + "\"mimeType\":\"application/json\",\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\",\"maxTimeoutSeconds\":60,"
                + "\"asset\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\",\"extra\":{\"name\":\"Test Token ü\",\"version\":\"2\"}}]}";
        X402Terms terms = X402Terms.fromV1Body(body);
        // That run's clock stood 29 s earlier than the v2 run's: validBefore 1796158643 = now + 60.
        X402Payer v1 = new X402Payer(X402Version.V1, Clock.fixed(Instant.ofEpochSecond(1_796_158_583L), ZoneOffset.UTC),
                () -> "0x403a12f01642b797192df997e135311755fe260e73e5e4f8031858e579af6486", Optional.empty());
        assertEquals(OFFICIAL_V1, X402PaymentPayload.encode(v1.payment(terms, DEV_ACCOUNT, Tamper.NONE)));
    }

    @Test
    void aV2PaymentAgainstTheGatewaysChallengeDecodesPassesItsChecksAndRecoversToThePayer() throws Exception {
        String header = X402PaymentPayload.encode(payer(X402Version.V2).payment(gatewayTerms(X402Version.V2), DEV_ACCOUNT, Tamper.NONE));
        Outcome<String> verdict = gatewayVerdict(X402Version.V2, header);
        assertTrue(verdict.isAccepted(), verdict.toString());
        assertEquals(DEV_ACCOUNT.address(), verdict.value());
    }

    @Test
    void aV1PaymentAgainstTheGatewaysChallengeDecodesPassesItsChecksAndRecoversToThePayer() throws Exception {
        String header = X402PaymentPayload.encode(payer(X402Version.V1).payment(gatewayTerms(X402Version.V1), DEV_ACCOUNT, Tamper.NONE));
        Outcome<String> verdict = gatewayVerdict(X402Version.V1, header);
        assertTrue(verdict.isAccepted(), verdict.toString());
        assertEquals(DEV_ACCOUNT.address(), verdict.value());
    }

    @Test
    void theAuthorizationPaysTheAskedAmountToPayToWithinTheOfficialClientsValidityWindow() throws Exception {
        JsonNode v2 = payer(X402Version.V2).payment(gatewayTerms(X402Version.V2), DEV_ACCOUNT, Tamper.NONE).at("/payload/authorization");
        JsonNode v1 = payer(X402Version.V1).payment(gatewayTerms(X402Version.V1), DEV_ACCOUNT, Tamper.NONE).at("/payload/authorization");
        for (JsonNode auth : List.of(v2, v1)) {
            assertEquals(DEV_ACCOUNT.address(), auth.path("from").asText());
            assertEquals(SETTINGS.payTo(), auth.path("to").asText());
            assertEquals("1000", auth.path("value").asText());
            assertEquals(Long.toString(NOW + 60), auth.path("validBefore").asText());
            assertTrue(auth.path("nonce").asText().matches("0x[0-9a-f]{64}"), auth.toString());
        }
        assertEquals("0", v2.path("validAfter").asText());
        assertEquals(Long.toString(NOW - 600), v1.path("validAfter").asText());
    }

    @Test
    void eachPaymentCarriesAFreshRandomNonce() throws Exception {
        X402Payer random = payer(X402Version.V2);
        X402Terms terms = gatewayTerms(X402Version.V2);
        String first = random.payment(terms, DEV_ACCOUNT, Tamper.NONE).at("/payload/authorization/nonce").asText();
        String second = random.payment(terms, DEV_ACCOUNT, Tamper.NONE).at("/payload/authorization/nonce").asText();
        assertFalse(first.equals(second), first);
    }

    @Test
    void theRequirementIsEchoedVerbatimWhileTheSignedRecipientIsChecksummed() throws Exception {
        String lowercase = ACCEPTED.replace("0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "0x209693bc6afc0c5328ba36faf03c514ef312287c");
        X402Terms terms = X402Terms.fromPaymentRequired(base64("{\"x402Version\":2,\"resource\":" + RESOURCE + ",\"accepts\":["
                + "{\"scheme\":\"upto\",\"network\":\"eip155:31337\"}," + lowercase + "]}"));
        ObjectNode payment = payer(X402Version.V2).payment(terms, DEV_ACCOUNT, Tamper.NONE);
        assertEquals(Json.MAPPER.readTree(lowercase), payment.get("accepted"), "the exact entry, not the first one");
        assertEquals(lowercase, payment.get("accepted").toString());
        assertEquals("0x209693Bc6afc0C5328bA36FaF03C514EF312287C", payment.at("/payload/authorization/to").asText());
        assertFalse(payment.has("extensions"), "no extensions offered, none echoed");
    }

    @Test
    void aMalleatedSignatureIsWellFormedButTheGatewayFindsNoSigner() throws Exception {
        String header = X402PaymentPayload.encode(payer(X402Version.V2).payment(gatewayTerms(X402Version.V2), DEV_ACCOUNT, Tamper.malleated()));
        Outcome<String> verdict = gatewayVerdict(X402Version.V2, header);
        assertFalse(verdict.isAccepted());
        assertEquals(X402Failure.INVALID_SIGNATURE, verdict.refusal().failure());
    }

    @Test
    void everyGarbledKindIsRefusedAsABadRequestBeforeAnySignatureCheck() throws Exception {
        List<String> codes = new ArrayList<>();
        for (X402Version version : X402Version.values()) {
            for (int kind = 0; kind < Tamper.GARBLED_KINDS; kind++) {
                String header = X402PaymentPayload.encode(payer(version).payment(gatewayTerms(version), DEV_ACCOUNT, Tamper.garbled(kind)));
                Outcome<DecodedPayment> decoded = new PaymentHeaderDecoder(SETTINGS.versions()).decode(version, header);
                assertFalse(decoded.isAccepted(), version + " kind " + kind);
                assertEquals(400, decoded.refusal().status(), version + " kind " + kind + ": " + decoded.refusal());
                codes.add(decoded.refusal().code());
            }
        }
        assertTrue(codes.stream().allMatch(c -> c.equals(X402Failure.MALFORMED_PAYMENT_HEADER.code())
                || c.equals(X402Failure.PAYMENT_HEADER_TOO_LARGE.code())), codes.toString());
    }

    @Test
    void aChallengeWithoutTheProtocolsTermsIsUnpayableAndSaysWhy() {
        UnpayableChallenge noV1 = assertThrows(UnpayableChallenge.class,
                () -> X402Terms.fromV1Body("{\"error\":\"Payment Required\",\"paymentContext\":{}}"));
        assertTrue(noV1.getMessage().contains("x402 v1") && noV1.getMessage().contains("PAYMENT_PROTOCOLS"), noV1.getMessage());
        UnpayableChallenge otherScheme = assertThrows(UnpayableChallenge.class, () -> X402Terms.fromPaymentRequired(
                base64("{\"x402Version\":2,\"accepts\":[{\"scheme\":\"upto\",\"network\":\"eip155:8453\"}]}")));
        assertTrue(otherScheme.getMessage().contains("no exact payment"), otherScheme.getMessage());
        assertThrows(UnpayableChallenge.class, () -> X402Terms.fromPaymentRequired("not base64!"));
    }

    @Test
    void termsTheOfficialClientWouldMisreadAreRefusedRatherThanSigned() {
        String stringTimeout = ACCEPTED.replace("\"maxTimeoutSeconds\":60", "\"maxTimeoutSeconds\":\"60\"");
        UnpayableChallenge timeout = assertThrows(UnpayableChallenge.class,
                () -> X402Terms.fromPaymentRequired(base64("{\"x402Version\":2,\"accepts\":[" + stringTimeout + "]}")));
        assertTrue(timeout.getMessage().contains("maxTimeoutSeconds"), timeout.getMessage());
        String permit2 = ACCEPTED.replace("\"version\":\"2\"}", "\"version\":\"2\",\"assetTransferMethod\":\"permit2\"}");
        assertThrows(UnpayableChallenge.class, () -> X402Terms.fromPaymentRequired(base64("{\"x402Version\":2,\"accepts\":[" + permit2 + "]}")));
        String noDomain = ACCEPTED.replace(",\"extra\":{\"name\":\"Test Token ü\",\"version\":\"2\"}", "");
        assertThrows(UnpayableChallenge.class, () -> X402Terms.fromPaymentRequired(base64("{\"x402Version\":2,\"accepts\":[" + noDomain + "]}")));
    }

    @Test
    void anAmountAboveTheCapIsNotSigned() throws Exception {
        X402Terms terms = gatewayTerms(X402Version.V2);
        X402Payer capped = new X402Payer(X402Version.V2, CLOCK, X402Payer::randomNonce, Optional.of(java.math.BigInteger.valueOf(999)));
        UnpayableChallenge refused = assertThrows(UnpayableChallenge.class, () -> capped.payment(terms, DEV_ACCOUNT, Tamper.NONE));
        assertTrue(refused.getMessage().contains("--max-amount 999"), refused.getMessage());
        X402Payer exact = new X402Payer(X402Version.V2, CLOCK, X402Payer::randomNonce, Optional.of(java.math.BigInteger.valueOf(1000)));
        assertEquals("1000", exact.payment(terms, DEV_ACCOUNT, Tamper.NONE).at("/payload/authorization/value").asText());
    }
}
