package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.config.Env;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.http.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Test material: the Base Sepolia terms of the x402 specification's examples and the viem test vector,
 * and a builder of signed payment headers that tests bend one field at a time.
 */
final class Payments {
    static final BigInteger PAYER_KEY = new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);
    static final String PAYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final BigInteger OTHER_KEY = new BigInteger("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 16);
    static final String PAY_TO = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C";
    static final String BASE_SEPOLIA_USDC = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    static final String NONCE = "0x" + "11".repeat(32);
    /** The vector's validBefore is 1800000000; thirty seconds before it, the vector is a fresh payment. */
    static final long NOW = 1_799_999_970L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private Payments() {
    }

    static Env env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        map.put("CHAIN_ID", "84532");
        map.put("RECIPIENT_ADDRESS", PAY_TO);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return new Env(map);
    }

    static X402Settings settings(String... pairs) {
        Env env = env(pairs);
        return X402Settings.from(env, PaymentProtocols.from(env)).orElseThrow();
    }

    /** A payment as the official client would build it for {@link #settings}; mutable so tests can bend it. */
    static final class Builder {
        final ObjectNode root = Json.MAPPER.createObjectNode();
        BigInteger key = PAYER_KEY;
        private final X402Version version;

        Builder(X402Version version) {
            this.version = version;
            root.put("x402Version", version.number());
            if (version == X402Version.V2) {
                ObjectNode resource = root.putObject("resource");
                resource.put("url", "https://api.example.com/api/ai/summarize");
                resource.put("description", "Summarize text");
                resource.put("mimeType", "application/json");
                root.set("accepted", settings().requirements().toJson());
            } else {
                root.put("scheme", "exact");
                root.put("network", "base-sepolia");
            }
            ObjectNode payload = root.putObject("payload");
            ObjectNode auth = payload.putObject("authorization");
            auth.put("from", PAYER);
            auth.put("to", PAY_TO);
            auth.put("value", "1000");
            auth.put("validAfter", version == X402Version.V2 ? "0" : Long.toString(NOW - 600));
            auth.put("validBefore", "1800000000");
            auth.put("nonce", NONCE);
            payload.put("signature", "0x" + "00".repeat(65));
        }

        ObjectNode accepted() {
            return (ObjectNode) root.get("accepted");
        }

        ObjectNode authorization() {
            return (ObjectNode) root.get("payload").get("authorization");
        }

        ObjectNode payload() {
            return (ObjectNode) root.get("payload");
        }

        Builder signedBy(BigInteger signer) {
            this.key = signer;
            return this;
        }

        /** Signs the authorization as it stands, over the terms of {@link #settings}, and encodes the header. */
        String header() {
            sign();
            return encode(root);
        }

        /** Encodes without signing, for payloads whose signature field itself is under test. */
        String unsignedHeader() {
            return encode(root);
        }

        private void sign() {
            ObjectNode auth = authorization();
            Authorization message = new Authorization(auth.get("from").asText(), auth.get("to").asText(),
                    new BigInteger(auth.get("value").asText()), new BigInteger(auth.get("validAfter").asText()),
                    new BigInteger(auth.get("validBefore").asText()), auth.get("nonce").asText().toLowerCase());
            payload().put("signature", Eip3009Signatures.sign(settings().tokenDomain(), message.toMessage(), key).toHex());
        }

        X402Version version() {
            return version;
        }
    }

    static Builder v2() {
        return new Builder(X402Version.V2);
    }

    static Builder v1() {
        return new Builder(X402Version.V1);
    }

    static String encode(ObjectNode json) {
        return base64(json.toString());
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
