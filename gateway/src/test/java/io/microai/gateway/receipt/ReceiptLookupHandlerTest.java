package io.microai.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.http.HttpService;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.Receipts;
import io.microai.shared.receipt.SignedReceipt;
import io.microai.shared.testing.FakeClock;
import io.microai.shared.testing.Http;
import io.undertow.Handlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptLookupHandlerTest {

    private final ReceiptSigner signer = ReceiptSigner.generateDevelopmentKey();
    private final FakeClock clock = new FakeClock();
    private final ReceiptStore store = new ReceiptStore(100, Duration.ofHours(24), clock::nanos);
    private HttpService service;

    @BeforeEach
    void start() {
        service = HttpService.start("127.0.0.1", 0,
                Handlers.routing().get(GatewayApi.RECEIPT_PATH, new ReceiptLookupHandler(store)));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpResponse<String> get(String id) throws Exception {
        return Http.get("http://127.0.0.1:" + service.port() + GatewayApi.receiptPath(id));
    }

    @Test
    void storedReceiptIsReturnedWithKeyAddressSignatureAndStatus() throws Exception {
        SignedReceipt signed = signer.sign(Receipts.sample("rcpt_00000000abcd"));
        store.put(signed);
        HttpResponse<String> response = get("rcpt_00000000abcd");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals(List.of("receipt", "server_public_key", "server_address", "signature", "status"),
                fieldNames(body));
        assertEquals("valid", body.get("status").asText());
        assertEquals(signer.publicKeyHex(), body.get("server_public_key").asText());
        assertEquals(signer.address(), body.get("server_address").asText());
        assertEquals(signed.signature(), body.get("signature").asText());
        assertEquals(List.of("id", "version", "timestamp", "payment", "service"), fieldNames(body.get("receipt")));
        assertEquals(8453, body.get("receipt").get("payment").get("chainId").asInt());

        // What a client fetched can be checked against the address it trusts.
        SignedReceipt fetched = new SignedReceipt(
                Json.MAPPER.treeToValue(body.get("receipt"), Receipt.class), body.get("signature").asText(),
                body.get("server_public_key").asText(), body.get("server_address").asText());
        assertEquals(signed, fetched);
        assertTrue(ReceiptVerifier.verify(fetched, signer.address()));
    }

    @Test
    void malformedIdIs400InvalidReceiptId() throws Exception {
        for (String id : new String[] {"abc", "rcpt_0123456789AB", "rcpt_0123456789abc", "rcpt_%3Cscript%3E"}) {
            HttpResponse<String> response = get(id);
            assertEquals(400, response.statusCode(), id);
            JsonNode body = Json.MAPPER.readTree(response.body());
            assertEquals("invalid_receipt_id", body.get("error").asText());
            assertTrue(body.hasNonNull("message"));
        }
    }

    @Test
    void unknownIdIs404ReceiptNotFound() throws Exception {
        HttpResponse<String> response = get("rcpt_ffffffffffff");
        assertEquals(404, response.statusCode());
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals("receipt_not_found", body.get("error").asText());
        assertEquals("Receipt may have expired or never existed", body.get("message").asText());
    }

    @Test
    void expiredReceiptIs404() throws Exception {
        store.put(signer.sign(Receipts.sample("rcpt_000000000eee")));
        assertEquals(200, get("rcpt_000000000eee").statusCode());
        clock.advance(Duration.ofHours(24));
        HttpResponse<String> response = get("rcpt_000000000eee");
        assertEquals(404, response.statusCode());
        assertEquals("receipt_not_found", Json.MAPPER.readTree(response.body()).get("error").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
