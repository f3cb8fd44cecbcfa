package io.microai.shared.eip712;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Loads the committed fixture written by scripts/vectors/eip3009.mjs (viem). */
final class ViemEip3009Vectors {

    record Vector(String name, BigInteger key, String address, TokenDomain domain, TransferWithAuthorization message,
                  String typeHash, String domainSeparator, String structHash, String digest, String signature) {
        @Override
        public String toString() {
            return name; // keeps parameterised test names readable despite 2,000-char token names
        }
    }

    static final String RESOURCE = "/eip712/viem-eip3009-vectors.json";
    private static final JsonNode ROOT = read();
    private static final List<Vector> ALL = load(ROOT);

    private ViemEip3009Vectors() {
    }

    static List<Vector> all() {
        return ALL;
    }

    static Vector named(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no vector named " + name));
    }

    static String typeString() {
        return ROOT.get("typeString").asText();
    }

    private static JsonNode read() {
        try (InputStream in = ViemEip3009Vectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + "; run scripts/vectors/eip3009.mjs");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Vector> load(JsonNode root) {
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : root.get("vectors")) {
            JsonNode d = v.get("domain");
            JsonNode m = v.get("message");
            out.add(new Vector(
                    v.get("name").asText(),
                    new BigInteger(v.get("key").asText().substring(2), 16),
                    v.get("address").asText(),
                    new TokenDomain(d.get("name").asText(), d.get("version").asText(),
                            new BigInteger(d.get("chainId").asText()), d.get("verifyingContract").asText()),
                    new TransferWithAuthorization(m.get("from").asText(), m.get("to").asText(), m.get("value").asText(),
                            m.get("validAfter").asText(), m.get("validBefore").asText(), m.get("nonce").asText()),
                    v.get("typeHash").asText(),
                    v.get("domainSeparator").asText(),
                    v.get("structHash").asText(),
                    v.get("digest").asText(),
                    v.get("signature").asText()));
        }
        return List.copyOf(out);
    }

    static String hex(byte[] bytes) {
        return "0x" + Hex.encode(bytes);
    }
}
