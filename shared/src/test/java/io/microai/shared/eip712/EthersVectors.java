package io.microai.shared.eip712;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Loads the committed fixture written by scripts/vectors/generate.mjs (ethers.js). */
final class EthersVectors {

    record Vector(String name, BigInteger privateKey, String signerAddress, PaymentContext context,
                  String domainSeparator, String structHash, String digest, String signature) {
        @Override
        public String toString() {
            return name; // keeps parameterised test names readable despite 2,000-char fields
        }
    }

    private static final List<Vector> ALL = load();

    private EthersVectors() {
    }

    static List<Vector> all() {
        return ALL;
    }

    private static List<Vector> load() {
        try (InputStream in = EthersVectors.class.getResourceAsStream("/eip712/ethers-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("missing /eip712/ethers-vectors.json; run scripts/vectors");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Vector> out = new ArrayList<>();
            for (JsonNode v : root.get("vectors")) {
                JsonNode c = v.get("context");
                out.add(new Vector(
                        v.get("name").asText(),
                        new BigInteger(v.get("privateKey").asText().substring(2), 16),
                        v.get("signerAddress").asText(),
                        new PaymentContext(c.get("recipient").asText(), c.get("token").asText(),
                                c.get("amount").asText(), c.get("nonce").asText(),
                                new BigInteger(c.get("chainId").asText())),
                        v.get("domainSeparator").asText(),
                        v.get("structHash").asText(),
                        v.get("digest").asText(),
                        v.get("signature").asText()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(byte[] bytes) {
        return "0x" + Hex.encode(bytes);
    }
}
