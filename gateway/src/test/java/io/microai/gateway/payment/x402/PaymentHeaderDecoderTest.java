package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentHeaderDecoderTest {
    private static final PaymentHeaderDecoder DECODER = new PaymentHeaderDecoder(EnumSet.allOf(X402Version.class));
    /** The PAYMENT-SIGNATURE example of the v2 HTTP transport specification, verbatim. */
    private static final String SPEC_V2_HEADER = "eyJ4NDAyVmVyc2lvbiI6MiwicmVzb3VyY2UiOnsidXJsIjoiaHR0cHM6Ly9hcGkuZXhhbXBsZS5jb20vcHJlbWl1bS1kYXRhIiwiZGVzY3JpcHRpb24iOiJBY2Nlc3MgdG8gcHJlbWl1bSBtYXJrZXQgZGF0YSIsIm1pbWVUeXBlIjoiYXBwbGljYXRpb24vanNvbiJ9LCJhY2NlcHRlZCI6eyJzY2hlbWUiOiJleGFjdCIsIm5ldHdvcmsiOiJlaXAxNTU6ODQ1MzIiLCJhbW91bnQiOiIxMDAwMCIsImFzc2V0IjoiMHgwMzZDYkQ1Mzg0MmM1NDI2NjM0ZTc5Mjk1NDFlQzIzMThmM2RDRjdlIiwicGF5VG8iOiIweDIwOTY5M0JjNmFmYzBDNTMyOGJBMzZGYUYwM0M1MTRFRjMxMjI4N0MiLCJtYXhUaW1lb3V0U2Vjb25kcyI6NjAsImV4dHJhIjp7Im5hbWUiOiJVU0RDIiwidmVyc2lvbiI6IjIifX0sInBheWxvYWQiOnsic2lnbmF0dXJlIjoiMHgyZDZhNzU4OGQ2YWNjYTUwNWNiZjBkOWE0YTIyN2UwYzUyYzZjMzQwMDhjOGU4OTg2YTEyODMyNTk3NjQxNzM2MDhhMmNlNjQ5NjY0MmUzNzdkNmRhOGRiYmY1ODM2ZTliZDE1MDkyZjllY2FiMDVkZWQzZDYyOTNhZjE0OGI1NzFjIiwiYXV0aG9yaXphdGlvbiI6eyJmcm9tIjoiMHg4NTdiMDY1MTlFOTFlM0E1NDUzODc5MWJEYmIwRTIyMzczZTM2YjY2IiwidG8iOiIweDIwOTY5M0JjNmFmYzBDNTMyOGJBMzZGYUYwM0M1MTRFRjMxMjI4N0MiLCJ2YWx1ZSI6IjEwMDAwIiwidmFsaWRBZnRlciI6IjE3NDA2NzIwODkiLCJ2YWxpZEJlZm9yZSI6IjE3NDA2NzIxNTQiLCJub25jZSI6IjB4ZjM3NDY2MTNjMmQ5MjBiNWZkYWJjMDg1NmYyYWViMmQ0Zjg4ZWU2MDM3YjhjYzVkMDRhNzFhNDQ2MmYxMzQ4MCJ9fX0=";
    /** The X-PAYMENT example of the v1 HTTP transport specification, verbatim. */
    private static final String SPEC_V1_HEADER = "eyJ4NDAyVmVyc2lvbiI6MSwic2NoZW1lIjoiZXhhY3QiLCJuZXR3b3JrIjoiYmFzZS1zZXBvbGlhIiwicGF5bG9hZCI6eyJzaWduYXR1cmUiOiIweDJkNmE3NTg4ZDZhY2NhNTA1Y2JmMGQ5YTRhMjI3ZTBjNTJjNmMzNDAwOGM4ZTg5ODZhMTI4MzI1OTc2NDE3MzYwOGEyY2U2NDk2NjQyZTM3N2Q2ZGE4ZGJiZjU4MzZlOWJkMTUwOTJmOWVjYWIwNWRlZDNkNjI5M2FmMTQ4YjU3MWMiLCJhdXRob3JpemF0aW9uIjp7ImZyb20iOiIweDg1N2IwNjUxOUU5MWUzQTU0NTM4NzkxYkRiYjBFMjIzNzNlMzZiNjYiLCJ0byI6IjB4MjA5NjkzQmM2YWZjMEM1MzI4YkEzNkZhRjAzQzUxNEVGMzEyMjg3QyIsInZhbHVlIjoiMTAwMDAiLCJ2YWxpZEFmdGVyIjoiMTc0MDY3MjA4OSIsInZhbGlkQmVmb3JlIjoiMTc0MDY3MjE1NCIsIm5vbmNlIjoiMHhmMzc0NjYxM2MyZDkyMGI1ZmRhYmMwODU2ZjJhZWIyZDRmODhlZTYwMzdiOGNjNWQwNGE3MWE0NDYyZjEzNDgwIn19fQ==";

    private static Refusal refused(X402Version version, String header) {
        Outcome<DecodedPayment> outcome = assertDoesNotThrow(() -> DECODER.decode(version, header));
        assertFalse(outcome.isAccepted(), () -> "accepted: " + outcome);
        return outcome.refusal();
    }

    private static void assertMalformed(String header) {
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refused(X402Version.V2, header).failure());
    }

    private static void assertMalformedJson(String json) {
        assertMalformed(Payments.base64(json));
    }

    private static Refusal refusedWith(Payments.Builder builder) {
        return refused(builder.version(), builder.unsignedHeader());
    }

    private static String validJson() {
        return Payments.v2().root.toString();
    }

    @Test
    void theSpecificationsV2ExampleDecodes() {
        DecodedPayment p = DECODER.decode(X402Version.V2, SPEC_V2_HEADER).value();
        assertEquals(X402Version.V2, p.version());
        assertEquals("eip155:84532", p.network());
        assertEquals("0x857b06519E91e3A54538791bDbb0E22373e36b66", p.claimedPayer());
        assertEquals(BigInteger.valueOf(10000), p.authorization().value());
        assertEquals(BigInteger.valueOf(1740672154L), p.authorization().validBefore());
        assertEquals("0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480", p.authorization().nonce());
        assertEquals("10000", p.accepted().orElseThrow().get("amount").asText());
    }

    @Test
    void theSpecificationsV1ExampleDecodes() {
        DecodedPayment p = DECODER.decode(X402Version.V1, SPEC_V1_HEADER).value();
        assertEquals(X402Version.V1, p.version());
        assertEquals("base-sepolia", p.network());
        assertEquals(Optional.empty(), p.accepted());
    }

    @Test
    void decodedPaymentDoesNotShareItsAcceptedTree() {
        DecodedPayment p = DECODER.decode(X402Version.V2, SPEC_V2_HEADER).value();
        ((ObjectNode) p.accepted().orElseThrow()).put("amount", "1");
        assertEquals("10000", p.accepted().orElseThrow().get("amount").asText());
    }

    @Test
    void missingOrEmptyHeaderIsMalformed() {
        assertMalformed(null);
        assertMalformed("");
    }

    @Test
    void headerOverTheCapIsTooLargeWhateverItHolds() {
        assertEquals(X402Failure.PAYMENT_HEADER_TOO_LARGE, refused(X402Version.V2, "A".repeat(8193)).failure());
        assertEquals(X402Failure.PAYMENT_HEADER_TOO_LARGE, refused(X402Version.V1, "%".repeat(100_000)).failure());
        assertMalformed("A".repeat(8192)); // at the cap it is read, and this is not JSON
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!!", "eyJ4 NDAy", "eyJ4\nNDAy", " eyJ4NDAy", "eyJ4NDAy ", "eyJ4NDAy\t"})
    void base64WithForeignCharactersOrWhitespaceIsMalformed(String header) {
        assertMalformed(header);
    }

    /** A valid payment whose standard base64 contains {@code +} or {@code /} and ends in padding. */
    private static String validHeaderWithPlusSlashAndPadding() {
        for (int i = 0; ; i++) {
            Payments.Builder b = Payments.v2();
            b.root.put("pad", "~".repeat(i % 7) + "?>".repeat(i));
            String header = b.unsignedHeader();
            if ((header.contains("+") || header.contains("/")) && header.endsWith("=")) {
                assertTrue(DECODER.decode(X402Version.V2, header).isAccepted());
                return header;
            }
        }
    }

    @Test
    void urlSafeAlphabetIsRefused() {
        assertMalformed(validHeaderWithPlusSlashAndPadding().replace('+', '-').replace('/', '_'));
    }

    @Test
    void missingPaddingIsRefused() {
        assertMalformed(validHeaderWithPlusSlashAndPadding().replace("=", ""));
    }

    @Test
    void misplacedOrExcessPaddingIsRefused() {
        String header = validHeaderWithPlusSlashAndPadding();
        assertMalformed(header + "====");
        assertMalformed(header.substring(0, 4) + "=" + header.substring(5));
        assertMalformed("====");
    }

    @Test
    void nonCanonicalTrailingBitsAreRefused() {
        String header = validHeaderWithPlusSlashAndPadding();
        int last = header.indexOf('=') - 1;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char bent = alphabet.charAt(alphabet.indexOf(header.charAt(last)) + 1); // sets a bit the decoder discards
        String nonCanonical = header.substring(0, last) + bent + header.substring(last + 1);
        assertEquals(Base64.getDecoder().decode(header).length, Base64.getDecoder().decode(nonCanonical).length);
        assertMalformed(nonCanonical);
    }

    @Test
    void invalidUtf8IsMalformed() {
        assertMalformed(Base64.getEncoder().encodeToString(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}));
        assertMalformed(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xc0, (byte) 0x80}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"a string\"", "2", "null", "true", "   ", "{", "{\"x402Version\":2",
            "{\"x402Version\":2,}", "/* c */{}", "{'x402Version':2}", "{\"x402Version\":NaN}"})
    void anythingButOneJsonObjectIsMalformed(String json) {
        assertMalformedJson(json);
    }

    @Test
    void truncatedValidPayloadIsMalformed() {
        String json = validJson();
        assertMalformedJson(json.substring(0, json.length() - 1));
        assertMalformedJson(json.substring(0, json.length() / 2));
    }

    @Test
    void trailingDataAfterTheObjectIsMalformed() {
        assertMalformedJson(validJson() + " {}");
        assertMalformedJson(validJson() + "x");
        assertMalformedJson(validJson() + "]");
    }

    @Test
    void duplicateMembersAreMalformedAtAnyDepth() {
        String json = validJson();
        assertMalformedJson(json.replaceFirst("\\{", "{\"x402Version\":2,"));
        assertMalformedJson(json.replace("\"value\":\"1000\"", "\"value\":\"1000\",\"value\":\"1\""));
        assertMalformedJson(json.replace("\"amount\":\"1000\"", "\"amount\":\"1000\",\"amount\":\"1000\""));
    }

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        String json = validJson();
        assertMalformedJson(json.substring(0, json.length() - 1) + ",\"deep\":" + "[".repeat(100) + "]".repeat(100) + "}");
    }

    @Test
    void x402VersionMustBeAnInteger() {
        assertMalformedJson(validJson().replace("\"x402Version\":2", "\"x402Version\":\"2\""));
        assertMalformedJson(validJson().replace("\"x402Version\":2", "\"x402Version\":2.0"));
        assertMalformedJson(validJson().replace("\"x402Version\":2", "\"x402Version\":1e400"));
        assertMalformedJson(validJson().replace("\"x402Version\":2,", ""));
    }

    @Test
    void anotherIntegerVersionIsUnsupportedVersion() {
        for (String v : new String[] {"1", "3", "0", "-2", "99999999999999999999999999"}) {
            String header = Payments.base64(validJson().replace("\"x402Version\":2", "\"x402Version\":" + v));
            assertEquals(X402Failure.UNSUPPORTED_VERSION, refused(X402Version.V2, header).failure(), v);
        }
        assertEquals(X402Failure.UNSUPPORTED_VERSION, refused(X402Version.V1, Payments.v2().unsignedHeader()).failure());
    }

    @Test
    void aVersionNotOfferedIsUnsupportedWhateverTheHeaderHolds() {
        PaymentHeaderDecoder v2Only = new PaymentHeaderDecoder(EnumSet.of(X402Version.V2));
        assertEquals(X402Failure.UNSUPPORTED_VERSION, v2Only.decode(X402Version.V1, SPEC_V1_HEADER).refusal().failure());
        assertEquals(X402Failure.UNSUPPORTED_VERSION, v2Only.decode(X402Version.V1, "garbage").refusal().failure());
    }

    @Test
    void schemeOtherThanExactIsUnsupportedScheme() {
        Payments.Builder v2 = Payments.v2();
        v2.accepted().put("scheme", "upto");
        assertEquals(X402Failure.UNSUPPORTED_SCHEME, refusedWith(v2).failure());
        Payments.Builder v1 = Payments.v1();
        v1.root.put("scheme", "Exact");
        assertEquals(X402Failure.UNSUPPORTED_SCHEME, refusedWith(v1).failure());
    }

    @Test
    void structuralMembersOfTheWrongTypeAreMalformed() {
        Payments.Builder noAccepted = Payments.v2();
        noAccepted.root.remove("accepted");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(noAccepted).failure());
        Payments.Builder acceptedArray = Payments.v2();
        acceptedArray.root.putArray("accepted");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(acceptedArray).failure());
        Payments.Builder schemeNumber = Payments.v2();
        schemeNumber.accepted().put("scheme", 1);
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(schemeNumber).failure());
        Payments.Builder payloadString = Payments.v2();
        payloadString.root.put("payload", "{}");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(payloadString).failure());
        Payments.Builder resourceString = Payments.v2();
        resourceString.root.put("resource", "https://x");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(resourceString).failure());
        Payments.Builder v1NoNetwork = Payments.v1();
        v1NoNetwork.root.remove("network");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(v1NoNetwork).failure());
    }

    @Test
    void unknownMembersAreToleratedAtTheTopButNotInThePayload() {
        Payments.Builder top = Payments.v2();
        top.root.put("futureField", true);
        top.root.putObject("extensions").put("bazaar", 1);
        assertTrue(DECODER.decode(X402Version.V2, top.unsignedHeader()).isAccepted());
        Payments.Builder inPayload = Payments.v2();
        inPayload.payload().put("permit2Authorization", "x");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(inPayload).failure());
        Payments.Builder inAuthorization = Payments.v2();
        inAuthorization.authorization().put("amount", "1000");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(inAuthorization).failure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"01000", "-1000", "+1000", " 1000", "1000 ", "1e3", "1000.0", "0x3e8", "", "１０００",
            "١٠٠٠", "1000\u0000"})
    void amountsThatAreNotPlainDecimalStringsAreMalformed(String value) {
        for (String field : new String[] {"value", "validAfter", "validBefore"}) {
            Payments.Builder b = Payments.v2();
            b.authorization().put(field, value);
            assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(b).failure(), field + "=" + value);
        }
    }

    @Test
    void numbersAsJsonNumbersAreMalformed() {
        Payments.Builder b = Payments.v2();
        b.authorization().put("value", 1000);
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(b).failure());
        Payments.Builder c = Payments.v2();
        c.authorization().putNull("validBefore");
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(c).failure());
    }

    @Test
    void hugeNumbersAboveUint256AreMalformedAndTheLargestUint256Decodes() {
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        Payments.Builder atMax = Payments.v2();
        atMax.authorization().put("value", max.toString());
        assertEquals(max, DECODER.decode(X402Version.V2, atMax.unsignedHeader()).value().authorization().value());
        Payments.Builder over = Payments.v2();
        over.authorization().put("value", max.add(BigInteger.ONE).toString());
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(over).failure());
        Payments.Builder huge = Payments.v2();
        huge.authorization().put("validBefore", "9".repeat(2000));
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(huge).failure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1234", "f39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226g",
            "0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb922660", "0x٣9Fd6e51aad88F6F4ce6aB8827279cffFb92266"})
    void badAddressesAreMalformed(String address) {
        for (String field : new String[] {"from", "to"}) {
            Payments.Builder b = Payments.v2();
            b.authorization().put(field, address);
            assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(b).failure(), field + "=" + address);
        }
    }

    @Test
    void addressesWithoutAChecksumAreAcceptedAndRenderedEip55() {
        Payments.Builder b = Payments.v2();
        b.authorization().put("from", Payments.PAYER.toLowerCase());
        b.authorization().put("to", "0x" + Payments.PAY_TO.substring(2).toUpperCase());
        Authorization auth = DECODER.decode(X402Version.V2, b.unsignedHeader()).value().authorization();
        assertEquals(Payments.PAYER, auth.from());
        assertEquals(Payments.PAY_TO, auth.to());
    }

    @Test
    void badNoncesAreMalformed() {
        for (String nonce : new String[] {"0x11", "11".repeat(32), "0x" + "11".repeat(31) + "1g", "0x" + "11".repeat(33),
                "0x" + "11".repeat(31) + "١١"}) {
            Payments.Builder b = Payments.v2();
            b.authorization().put("nonce", nonce);
            assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(b).failure(), nonce);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x", "0x1234", "bd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c7879afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c",
            "0xbd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c7879afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c00"})
    void signaturesThatAreNot65BytesAreMalformed(String signature) {
        Payments.Builder b = Payments.v2();
        b.payload().put("signature", signature);
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusedWith(b).failure());
    }

    @Test
    void nonceAndSignatureAreNormalisedToLowercase() {
        Payments.Builder b = Payments.v2();
        b.authorization().put("nonce", "0x" + "AB".repeat(32));
        b.payload().put("signature", "0x" + "CD".repeat(65));
        DecodedPayment p = DECODER.decode(X402Version.V2, b.unsignedHeader()).value();
        assertEquals("0x" + "ab".repeat(32), p.authorization().nonce());
        assertEquals("0x" + "cd".repeat(65), p.signature());
    }

    @Test
    void refusalDetailsNameTheFieldAndNeverEchoTheHeader() {
        Payments.Builder b = Payments.v2();
        b.authorization().put("value", "<script>");
        Refusal r = refusedWith(b);
        assertEquals("payload.authorization.value must be a decimal string of an unsigned integer without leading zeros", r.detail());
    }

    @Test
    void fromHeadersIsEmptyWithoutAnyPaymentHeader() {
        assertEquals(Optional.empty(), DECODER.fromHeaders(null, List.of()));
    }

    @Test
    void fromHeadersRefusesBothHeadersOrARepeatedOne() {
        Outcome<DecodedPayment> both = DECODER.fromHeaders(List.of(SPEC_V2_HEADER), List.of(SPEC_V1_HEADER)).orElseThrow();
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, both.refusal().failure());
        Outcome<DecodedPayment> twice = DECODER.fromHeaders(List.of(SPEC_V2_HEADER, SPEC_V2_HEADER), null).orElseThrow();
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, twice.refusal().failure());
    }

    @Test
    void fromHeadersDecodesWhicheverHeaderWasSent() {
        assertEquals(X402Version.V2, DECODER.fromHeaders(List.of(SPEC_V2_HEADER), null).orElseThrow().value().version());
        assertEquals(X402Version.V1, DECODER.fromHeaders(null, List.of(SPEC_V1_HEADER)).orElseThrow().value().version());
    }
}
