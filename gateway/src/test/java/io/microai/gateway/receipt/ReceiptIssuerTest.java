package io.microai.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.receipt.ContentHash;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import io.microai.shared.testing.FakeClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiptIssuerTest {

    private static final PaymentContext PAYMENT = new PaymentContext(
            "0x2e988A386a799F506693793c6A5AF6B54dfAaBfB", "USDC", "0.001", "nonce-1", BigInteger.valueOf(8453));
    private static final byte[] REQUEST = "{\"text\":\"hello <world>\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RESPONSE = "{\"result\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    private final ReceiptSigner signer = ReceiptSigner.generateDevelopmentKey();
    private final ReceiptStore store = new ReceiptStore(100, Duration.ofHours(1), new FakeClock()::nanos);
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:00:00.250Z"), ZoneOffset.UTC);
    private final ReceiptIssuer issuer = new ReceiptIssuer(signer, store, clock);

    @Test
    void issuedReceiptRecordsThePaymentAndTheExactBodies() {
        Receipt r = issuer.issue("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", PAYMENT, GatewayApi.SUMMARIZE_PATH,
                REQUEST, RESPONSE).receipt().receipt();
        assertTrue(ReceiptId.isValid(r.id()));
        assertEquals("1.0", r.version());
        assertEquals("2025-06-01T12:00:00.25Z", r.timestamp());
        assertEquals("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", r.payment().payer(), "payer is EIP-55");
        assertEquals(PAYMENT.recipient(), r.payment().recipient());
        assertEquals("0.001", r.payment().amount());
        assertEquals("USDC", r.payment().token());
        assertEquals(BigInteger.valueOf(8453), r.payment().chainId());
        assertEquals("nonce-1", r.payment().nonce());
        assertEquals(GatewayApi.SUMMARIZE_PATH, r.service().endpoint());
        assertEquals(ContentHash.sha256(REQUEST), r.service().requestHash());
        assertEquals(ContentHash.sha256(RESPONSE), r.service().responseHash());
    }

    @Test
    void issuedReceiptIsStoredSignedAndCarriedInTheHeader() {
        IssuedReceipt issued = issuer.issue("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", PAYMENT,
                GatewayApi.SUMMARIZE_PATH, REQUEST, RESPONSE);
        assertEquals(Optional.of(issued.receipt()), store.get(issued.receipt().id()));
        SignedReceipt fromHeader = ReceiptVerifier.fromBase64Header(issued.headerValue());
        assertEquals(issued.receipt(), fromHeader);
        assertTrue(ReceiptVerifier.verify(fromHeader, signer.address()));
    }

    @Test
    void eachIssueGetsAFreshId() {
        String a = issuer.issue("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", PAYMENT, "/x", REQUEST, RESPONSE)
                .receipt().id();
        String b = issuer.issue("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", PAYMENT, "/x", REQUEST, RESPONSE)
                .receipt().id();
        assertNotEquals(a, b);
        assertEquals(2, store.size());
    }

    @Test
    void malformedPayerIsAProgrammingErrorReportedAsIllegalArgument() {
        assertThrows(IllegalArgumentException.class,
                () -> issuer.issue("alice", PAYMENT, "/x", REQUEST, RESPONSE));
    }
}
