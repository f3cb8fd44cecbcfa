package io.microai.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.payment.VerifiedPayment;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.api.GatewayApi;
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

    private static final VerifiedPayment PAYMENT = payment("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    private static final VerifiedPayment X402 = new VerifiedPayment(PaymentProtocol.X402_V1,
            "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "1000",
            "0x036CbD53842c5426634e7929541eC2318f3dCF7e", "base-sepolia", BigInteger.valueOf(84532), "0x" + "11".repeat(32),
            Receipt.SETTLEMENT_NONE);
    private static final byte[] REQUEST = "{\"text\":\"hello <world>\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RESPONSE = "{\"result\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    private final ReceiptSigner signer = ReceiptSigner.generateDevelopmentKey();
    private final ReceiptStore store = new ReceiptStore(100, Duration.ofHours(1), new FakeClock()::nanos);
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:00:00.250Z"), ZoneOffset.UTC);
    private final ReceiptIssuer issuer = new ReceiptIssuer(signer, store, clock);

    /** An upstream-format payment by {@code payer}, as its payment step hands it on. */
    private static VerifiedPayment payment(String payer) {
        return new VerifiedPayment(PaymentProtocol.LEGACY, payer, "0x2e988A386a799F506693793c6A5AF6B54dfAaBfB", "0.001", "USDC",
                "eip155:8453", BigInteger.valueOf(8453), "nonce-1", Receipt.SETTLEMENT_NONE);
    }

    @Test
    void issuedReceiptRecordsThePaymentAndTheExactBodies() {
        Receipt r = issuer.issue(PAYMENT, GatewayApi.SUMMARIZE_PATH, REQUEST, RESPONSE).receipt().receipt();
        assertTrue(ReceiptId.isValid(r.id()));
        assertEquals(Receipt.VERSION, r.version());
        assertEquals("2025-06-01T12:00:00.25Z", r.timestamp());
        assertEquals("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", r.payment().payer(), "payer is EIP-55");
        assertEquals(PAYMENT.recipient(), r.payment().recipient());
        assertEquals("0.001", r.payment().amount());
        assertEquals("USDC", r.payment().token());
        assertEquals(BigInteger.valueOf(8453), r.payment().chainId());
        assertEquals("nonce-1", r.payment().nonce());
        assertEquals("legacy", r.payment().protocol());
        assertEquals("USDC", r.payment().asset());
        assertEquals("eip155:8453", r.payment().network());
        assertEquals("none", r.payment().settlement());
        assertEquals(GatewayApi.SUMMARIZE_PATH, r.service().endpoint());
        assertEquals(ContentHash.sha256(REQUEST), r.service().requestHash());
        assertEquals(ContentHash.sha256(RESPONSE), r.service().responseHash());
    }

    @Test
    void issuedReceiptIsStoredSignedAndCarriedInTheHeader() {
        IssuedReceipt issued = issuer.issue(PAYMENT, GatewayApi.SUMMARIZE_PATH, REQUEST, RESPONSE);
        assertEquals(Optional.of(issued.receipt()), store.get(issued.receipt().id()));
        SignedReceipt fromHeader = ReceiptVerifier.fromBase64Header(issued.headerValue());
        assertEquals(issued.receipt(), fromHeader);
        assertTrue(ReceiptVerifier.verify(fromHeader, signer.address()));
    }

    @Test
    void eachIssueGetsAFreshId() {
        String a = issuer.issue(PAYMENT, "/x", REQUEST, RESPONSE).receipt().id();
        String b = issuer.issue(PAYMENT, "/x", REQUEST, RESPONSE).receipt().id();
        assertNotEquals(a, b);
        assertEquals(2, store.size());
    }

    @Test
    void malformedPayerIsAProgrammingErrorReportedAsIllegalArgument() {
        assertThrows(IllegalArgumentException.class,
                () -> issuer.issue(payment("alice"), "/x", REQUEST, RESPONSE));
    }

    @Test
    void anX402ReceiptNamesItsProtocolAssetNetworkAndAtomicAmount() {
        Receipt r = issuer.issue(X402, GatewayApi.SUMMARIZE_PATH, REQUEST, RESPONSE).receipt().receipt();
        assertEquals("x402-v1", r.payment().protocol());
        assertEquals("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", r.payment().payer());
        assertEquals("0x036CbD53842c5426634e7929541eC2318f3dCF7e", r.payment().asset());
        assertEquals(r.payment().asset(), r.payment().token());
        assertEquals("base-sepolia", r.payment().network());
        assertEquals("1000", r.payment().amount());
        assertEquals("none", r.payment().settlement());
    }
}
