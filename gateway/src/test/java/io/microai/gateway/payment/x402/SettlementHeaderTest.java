package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.microai.shared.http.Json;
import java.util.Base64;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SettlementHeaderTest {
    private static final String TX = "0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef";

    private static String decode(String header) {
        return new String(Base64.getDecoder().decode(header), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void headerNamesFollowTheVersion() {
        assertEquals("PAYMENT-RESPONSE", SettlementHeader.name(X402Version.V2));
        assertEquals("X-PAYMENT-RESPONSE", SettlementHeader.name(X402Version.V1));
    }

    private static CheckedPayment checked(Payments.Builder payment) {
        return new PaymentChecks(Payments.settings(), Payments.CLOCK).check(new PaymentHeaderDecoder(
                EnumSet.allOf(X402Version.class)).decode(payment.version(), payment.header()).value()).value();
    }

    @Test
    void aPaymentOnlyVerifiedLocallyIsReportedAsNotSettledWithoutATransaction() {
        assertEquals("{\"success\":false,\"errorReason\":\"not_settled\",\"errorMessage\":\"payment verified by "
                + "signature only; no facilitator is configured and no funds moved\",\"transaction\":\"\","
                + "\"network\":\"eip155:84532\",\"payer\":\"" + Payments.PAYER + "\"}",
                decode(SettlementHeader.notSettled(checked(Payments.v2()))));
    }

    @Test
    void aVersion1PaymentNotSettledNamesItsNetworkByTheVersion1Name() throws Exception {
        var json = Json.MAPPER.readTree(decode(SettlementHeader.notSettled(checked(Payments.v1()))));
        assertEquals("base-sepolia", json.get("network").textValue());
        assertEquals(SettlementHeader.NOT_SETTLED, json.get("errorReason").textValue());
        assertEquals("", json.get("transaction").textValue());
    }

    @Test
    void aSettlementIsTheSpecificationsSuccessShape() {
        String json = decode(SettlementHeader.settled(TX, "eip155:84532", "0x857b06519E91e3A54538791bDbb0E22373e36b66"));
        assertEquals("{\"success\":true,\"transaction\":\"" + TX + "\",\"network\":\"eip155:84532\","
                + "\"payer\":\"0x857b06519E91e3A54538791bDbb0E22373e36b66\"}", json);
    }

    @Test
    void aSettlementWithoutARealTransactionHashIsRefused() {
        for (String tx : new String[] {null, "", "0x", "pending", TX.substring(0, 65), TX + "00"}) {
            assertThrows(IllegalArgumentException.class, () -> SettlementHeader.settled(tx, "eip155:84532", Payments.PAYER), tx);
        }
    }

    @Test
    void aFailedSettlementHasAnEmptyTransactionAndItsReason() throws Exception {
        var json = Json.MAPPER.readTree(decode(SettlementHeader.failed("insufficient_funds", "base-sepolia", Payments.PAYER)));
        assertEquals(false, json.get("success").booleanValue());
        assertEquals("insufficient_funds", json.get("errorReason").textValue());
        assertEquals("", json.get("transaction").textValue());
        assertEquals("base-sepolia", json.get("network").textValue());
        assertThrows(IllegalArgumentException.class, () -> SettlementHeader.failed("", "base", Payments.PAYER));
    }

    @Test
    void encodingIsPaddedStandardBase64() {
        String header = SettlementHeader.settled(TX, "eip155:8453", Payments.PAYER);
        assertEquals(0, header.length() % 4);
        assertEquals(header, Base64.getEncoder().encodeToString(Base64.getDecoder().decode(header)));
    }
}
