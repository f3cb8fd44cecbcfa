package io.microai.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.V1Networks;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Pays a gateway's 402 the way the official x402 client does: reads the terms (version 2 from the
 * {@code PAYMENT-REQUIRED} header, version 1 from the body), signs an EIP-3009 authorization under the
 * token domain the terms name, and builds {@code PAYMENT-SIGNATURE} / {@code X-PAYMENT}. Every part stays
 * open, so a test can bend one field before or after signing.
 */
public final class X402Payer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private X402Payer() {
    }

    /** The decoded {@code PAYMENT-REQUIRED} header of a 402. */
    public static JsonNode paymentRequired(HttpResponse<String> challenge) {
        String header = challenge.headers().firstValue("PAYMENT-REQUIRED")
                .orElseThrow(() -> new AssertionError("no PAYMENT-REQUIRED on " + challenge.statusCode() + ": " + challenge.body()));
        return parse(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
    }

    /** A version 2 payment of the first offer of {@code challenge}, signed by {@code key}, valid for the offered timeout. */
    public static Payment v2(HttpResponse<String> challenge, BigInteger key) {
        JsonNode required = paymentRequired(challenge);
        JsonNode offer = required.get("accepts").get(0);
        ObjectNode root = JSON.createObjectNode();
        root.put("x402Version", 2);
        root.set("resource", required.get("resource").deepCopy());
        root.set("accepted", offer.deepCopy());
        long now = System.currentTimeMillis() / 1000;
        authorize(root, offer.get("payTo").asText(), offer.get("amount").asText(), 0, now + offer.get("maxTimeoutSeconds").asLong());
        long chainId = Long.parseLong(offer.get("network").asText().substring("eip155:".length()));
        return new Payment("PAYMENT-SIGNATURE", root, key, domain(offer, chainId));
    }

    /** A version 1 payment of the first entry of the 402 body's {@code accepts}, as a version 1 client builds it. */
    public static Payment v1(HttpResponse<String> challenge, BigInteger key) {
        JsonNode offer = parse(challenge.body()).get("accepts").get(0);
        ObjectNode root = JSON.createObjectNode();
        root.put("x402Version", 1);
        root.put("scheme", offer.get("scheme").asText());
        root.put("network", offer.get("network").asText());
        long now = System.currentTimeMillis() / 1000;
        authorize(root, offer.get("payTo").asText(), offer.get("maxAmountRequired").asText(), now - 600,
                now + offer.get("maxTimeoutSeconds").asLong());
        long chainId = V1Networks.chainIdOf(offer.get("network").asText()).orElseThrow();
        return new Payment("X-PAYMENT", root, key, domain(offer, chainId));
    }

    private static void authorize(ObjectNode root, String payTo, String amount, long validAfter, long validBefore) {
        ObjectNode payload = root.putObject("payload");
        ObjectNode auth = payload.putObject("authorization");
        auth.put("from", "");
        auth.put("to", payTo);
        auth.put("value", amount);
        auth.put("validAfter", Long.toString(validAfter));
        auth.put("validBefore", Long.toString(validBefore));
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        auth.put("nonce", "0x" + HexFormat.of().formatHex(nonce));
        payload.put("signature", "");
    }

    private static TokenDomain domain(JsonNode offer, long chainId) {
        return new TokenDomain(offer.get("extra").get("name").asText(), offer.get("extra").get("version").asText(),
                BigInteger.valueOf(chainId), offer.get("asset").asText());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One payment under construction: {@link #header()} signs what it holds then and encodes it. */
    public static final class Payment {
        public final String headerName;
        public final ObjectNode root;
        private final BigInteger key;
        private TokenDomain domain;

        Payment(String headerName, ObjectNode root, BigInteger key, TokenDomain domain) {
            this.headerName = headerName;
            this.root = root;
            this.key = key;
            this.domain = domain;
            authorization().put("from", Secp256k1.addressOf(key));
        }

        public ObjectNode authorization() {
            return (ObjectNode) root.get("payload").get("authorization");
        }

        /** Version 2's echoed terms. */
        public ObjectNode accepted() {
            return (ObjectNode) root.get("accepted");
        }

        public String payer() {
            return authorization().get("from").asText();
        }

        public String nonce() {
            return authorization().get("nonce").asText();
        }

        /** Signs under another token name than the terms give, as a client with the wrong domain would. */
        public Payment signedWithTokenName(String name) {
            domain = new TokenDomain(name, domain.version(), domain.chainId(), domain.verifyingContract());
            return this;
        }

        /** Signs the authorization as it stands and returns the encoded header value. */
        public String header() {
            sign();
            return encoded();
        }

        /** The header value as it stands, without signing again (for changes made after signing). */
        public String encoded() {
            return Base64.getEncoder().encodeToString(root.toString().getBytes(StandardCharsets.UTF_8));
        }

        /** {@code {name, value}}, ready to append to a request's headers. */
        public String[] headers() {
            return new String[] {headerName, header()};
        }

        public void sign() {
            ObjectNode a = authorization();
            TransferWithAuthorization message = new TransferWithAuthorization(a.get("from").asText(), a.get("to").asText(),
                    a.get("value").asText(), a.get("validAfter").asText(), a.get("validBefore").asText(), a.get("nonce").asText());
            ((ObjectNode) root.get("payload")).put("signature", Eip3009Signatures.sign(domain, message, key).toHex());
        }
    }
}
