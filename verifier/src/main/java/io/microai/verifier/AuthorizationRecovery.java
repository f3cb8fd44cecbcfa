package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.Eip3009TypedData;
import io.microai.shared.eip712.Signature;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.verify.AuthorizationVerifyRequest;

/**
 * {@code POST /verify/authorization}: the signer of an EIP-3009 {@code TransferWithAuthorization}
 * under the token's domain. Whether that signer is the message's {@code from} is deliberately not
 * decided here: the gateway must tell "signed by someone else" from "does not recover", and only it
 * knows which of the two it is refusing.
 */
final class AuthorizationRecovery implements SignerRecovery {
    @Override
    public byte[] recover(JsonNode body) {
        AuthorizationVerifyRequest request = AuthorizationRequestReader.from(body);
        TokenDomain domain = request.domain().tokenDomain();
        TransferWithAuthorization message = request.message().authorization();
        // The fields are judged before the signature, as on /verify: a bad field is the gateway's
        // mistake and must not be answered with a code that blames the payer's signature.
        Eip3009TypedData.digest(domain, message);
        return Eip3009Signatures.recoverSigner(domain, message, Signature.parse(request.signature()));
    }
}
