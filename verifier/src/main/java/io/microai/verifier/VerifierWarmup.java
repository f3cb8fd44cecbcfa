package io.microai.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.http.Json;
import io.microai.shared.verify.AuthorizationVerifyRequest;
import io.microai.shared.verify.VerifyRequest;
import io.microai.shared.verify.VerifyResponse;
import io.microai.shared.warmup.WarmupTask;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's hot paths, as a request runs them: a body's JSON decoded, its typed data hashed, the
 * signer recovered, the answer encoded. They run on freshly signed bodies in-process, so no route is
 * entered and nothing is counted or logged.
 */
final class VerifierWarmup {
    /** Two signers, so more than one recovery is seen; each costs curve multiplications to prepare with cold code. */
    private static final int BODIES = 2;

    private VerifierWarmup() {
    }

    static List<WarmupTask> tasks() {
        List<byte[]> payments = new ArrayList<>();
        List<byte[]> authorizations = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            BigInteger key = BigInteger.valueOf(0x5eed + i);
            payments.add(paymentBody(key, i));
            authorizations.add(authorizationBody(key, i));
        }
        return List.of(
                route("verify", new PaymentRecovery(), payments),
                route("verify/authorization", new AuthorizationRecovery(), authorizations));
    }

    private static WarmupTask route(String name, SignerRecovery recovery, List<byte[]> bodies) {
        int[] next = {0};
        return new WarmupTask(name, () -> {
            byte[] body = bodies.get(next[0]++ % bodies.size());
            String address = Address.toChecksum(recovery.recover(Json.MAPPER.readTree(body)));
            return Json.MAPPER.writeValueAsString(VerifyResponse.recovered(address));
        });
    }

    private static byte[] paymentBody(BigInteger key, int i) {
        VerifyRequest.Context context = new VerifyRequest.Context(Secp256k1.addressOf(key), "USDC", "0.001",
                "00000000-0000-4000-8000-00000000000" + i, BigInteger.valueOf(8453));
        String signature = Secp256k1.sign(PaymentTypedData.digest(context.payment()), key).toHex();
        return json(new VerifyRequest(context, signature));
    }

    private static byte[] authorizationBody(BigInteger key, int i) {
        String from = Secp256k1.addressOf(key);
        TokenDomain domain = new TokenDomain("USD Coin", "2", BigInteger.valueOf(8453), "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913");
        TransferWithAuthorization message = new TransferWithAuthorization(from, "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219",
                "1000", "0", "1900000000", "0x" + String.format("%064x", i + 1));
        String signature = Eip3009Signatures.sign(domain, message, key).toHex();
        return json(new AuthorizationVerifyRequest(AuthorizationVerifyRequest.Domain.of(domain),
                AuthorizationVerifyRequest.Message.of(message), signature));
    }

    private static byte[] json(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a warm-up body must encode", e);
        }
    }
}
