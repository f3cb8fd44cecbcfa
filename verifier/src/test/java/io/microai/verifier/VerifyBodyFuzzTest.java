package io.microai.verifier;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.http.Json;
import java.io.IOException;

/**
 * The bodies of {@code /verify} and {@code /verify/authorization}, from raw bytes through JSON to a recovered
 * signer, as {@link VerifyHandler} reads them. The property: anything a client sends ends in an address or in
 * one of the documented refusals (unreadable as JSON, a {@link Refusal}, an {@link Eip712Exception}), never
 * another exception. Inputs are capped like the endpoint's body, which bounds allocation; Jazzer's per-input timeout
 * catches a hang.
 */
class VerifyBodyFuzzTest {
    /** Larger than any real body; the endpoint's own limit (a megabyte by default) is enforced before parsing. */
    private static final int MAX_BODY = 64 * 1024;
    private static final SignerRecovery PAYMENT = new PaymentRecovery();
    private static final SignerRecovery AUTHORIZATION = new AuthorizationRecovery();

    @FuzzTest(maxDuration = "20s")
    void verifyBodiesEndInAnAddressOrADocumentedRefusal(byte[] body) {
        judge(PAYMENT, body);
    }

    @FuzzTest(maxDuration = "20s")
    void authorizationBodiesEndInAnAddressOrADocumentedRefusal(byte[] body) {
        judge(AUTHORIZATION, body);
    }

    private static void judge(SignerRecovery recovery, byte[] body) {
        if (body == null || body.length > MAX_BODY) {
            return; // refused as too large before it is parsed
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            // invalid_json: malformed JSON, or bytes in no encoding JSON allows (an invalid UTF-32 character)
            return;
        }
        try {
            byte[] address = recovery.recover(json);
            if (address == null || address.length != 20) {
                throw new AssertionError("a recovered signer is 20 bytes");
            }
        } catch (Refusal | Eip712Exception e) {
            // documented refusals
        }
    }
}
