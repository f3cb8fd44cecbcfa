package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;

/** What one verification route signs over: reads its body and recovers the 20-byte signer address. */
interface SignerRecovery {
    /**
     * @throws Refusal when the body is unusable
     * @throws io.microai.shared.eip712.Eip712Exception when the typed data or the signature is rejected
     */
    byte[] recover(JsonNode body);
}
