package io.microai.gateway.payment;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.undertow.util.HeaderMap;

/**
 * The upstream format's headers ({@code X-402-Signature}, {@code X-402-Nonce}, {@code X-402-Payer}) as a client
 * may send them. The property: a request the format claims is read into well-formed headers or refused as
 * {@link LegacyHeaders.Malformed}, never another exception; what is read is exactly the documented shape.
 */
class LegacyHeadersFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void headersAreReadOrRefusedAsMalformed(FuzzedDataProvider data) {
        HeaderMap headers = new HeaderMap();
        headers.put(PaymentHeaders.SIGNATURE, data.consumeString(200));
        headers.put(PaymentHeaders.NONCE, data.consumeString(200));
        if (data.consumeBoolean()) {
            headers.put(PaymentHeaders.PAYER, data.consumeRemainingAsString());
        }
        if (!LegacyHeaders.present(headers)) {
            return;
        }
        LegacyHeaders read;
        try {
            read = LegacyHeaders.read(headers);
        } catch (LegacyHeaders.Malformed e) {
            if (e.reason() == null || e.getMessage() == null) {
                throw new AssertionError("a refusal names its reason");
            }
            return;
        }
        if (!read.signature().matches("0x[0-9a-fA-F]{130}")) {
            throw new AssertionError("accepted a malformed signature: " + read.signature());
        }
        read.expectedPayer().ifPresent(payer -> {
            if (!payer.matches("0x[0-9a-fA-F]{40}")) {
                throw new AssertionError("accepted a malformed payer: " + payer);
            }
        });
    }
}
