package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.verify.VerifyRequest;

/** {@code POST /verify}: the signer of the gateway's own EIP-712 {@code Payment} message. */
final class PaymentRecovery implements SignerRecovery {
    @Override
    public byte[] recover(JsonNode body) {
        VerifyRequest request = VerifyRequestReader.from(body);
        byte[] digest = PaymentTypedData.digest(request.context().payment());
        return Secp256k1.recoverAddress(digest, Signature.parse(request.signature()));
    }
}
