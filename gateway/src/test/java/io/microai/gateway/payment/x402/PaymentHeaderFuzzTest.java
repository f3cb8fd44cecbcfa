package io.microai.gateway.payment.x402;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.microai.shared.config.Env;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The x402 payment headers ({@code PAYMENT-SIGNATURE}, {@code X-PAYMENT}): base64 of JSON, from the client as is.
 * The property: decoding and the local checks end in an accepted payment or a refusal, never an exception; the
 * header's length cap bounds what is allocated. One target fuzzes the header text itself, the other the JSON
 * inside a well-formed base64 wrapper, where the interesting structure is.
 */
class PaymentHeaderFuzzTest {
    private static final X402Settings SETTINGS = X402Settings.from(new Env(Map.of()), PaymentProtocols.from(new Env(Map.of()))).orElseThrow();
    private static final PaymentHeaderDecoder DECODER = new PaymentHeaderDecoder(SETTINGS.versions());
    private static final PaymentChecks CHECKS = new PaymentChecks(SETTINGS, Clock.systemUTC());

    @FuzzTest(maxDuration = "20s")
    void headerTextEndsInAPaymentOrARefusal(FuzzedDataProvider data) {
        boolean v2 = data.consumeBoolean();
        boolean twice = data.consumeBoolean();
        String value = data.consumeRemainingAsString();
        List<String> values = twice ? List.of(value, value) : List.of(value);
        judge(v2 ? values : null, v2 ? null : values);
    }

    @FuzzTest(maxDuration = "20s")
    void encodedJsonEndsInAPaymentOrARefusal(FuzzedDataProvider data) {
        boolean v2 = data.consumeBoolean();
        String value = Base64.getEncoder().encodeToString(data.consumeRemainingAsBytes());
        judge(v2 ? List.of(value) : null, v2 ? null : List.of(value));
    }

    private static void judge(List<String> paymentSignature, List<String> xPayment) {
        Optional<Outcome<DecodedPayment>> decoded = DECODER.fromHeaders(paymentSignature, xPayment);
        if (decoded.isEmpty()) {
            throw new AssertionError("a header was present");
        }
        Outcome<CheckedPayment> checked = decoded.get().then(CHECKS::check);
        if (!checked.isAccepted() && checked.refusal() == null) {
            throw new AssertionError("a refusal names its reason");
        }
    }
}
