package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.PaymentRequirements;
import io.microai.gateway.payment.x402.V1Networks;
import io.microai.gateway.payment.x402.X402Headers;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an x402 challenge asks the payer to sign, read the way the official client reads it: version 2 from
 * the {@code PAYMENT-REQUIRED} header, version 1 from a body whose {@code x402Version} is 1; the first
 * {@code exact} requirement on an EVM network is taken. The chosen requirement and the challenge's
 * {@code resource} and {@code extensions} are kept as received, because a version-2 payment echoes them.
 *
 * @param requirement    the chosen {@code accepts} entry, verbatim
 * @param resource       version 2's {@code resource}, verbatim; null when absent (and always in version 1)
 * @param extensions     version 2's {@code extensions}, verbatim; null when absent (and always in version 1)
 * @param network        as the requirement names it: CAIP-2 in version 2, a word in version 1
 * @param amount         atomic units: version 2's {@code amount}, version 1's {@code maxAmountRequired}
 */
record X402Terms(X402Version version, ObjectNode requirement, JsonNode resource, JsonNode extensions, String network,
                 BigInteger chainId, String asset, String payTo, BigInteger amount, long maxTimeoutSeconds,
                 String tokenName, String tokenVersion) {
    private static final Pattern CAIP2_EVM = Pattern.compile("eip155:([1-9][0-9]{0,77})");
    private static final Pattern ATOMIC = Pattern.compile("0|[1-9][0-9]{0,77}");

    /** The terms of {@code challenge} (a 402) in {@code version}. */
    static X402Terms of(X402Version version, HttpResponse<String> challenge) throws UnpayableChallenge {
        if (version == X402Version.V2) {
            Optional<String> header = challenge.headers().firstValue(X402Headers.PAYMENT_REQUIRED);
            if (header.isEmpty()) {
                throw new UnpayableChallenge("the 402 has no " + X402Headers.PAYMENT_REQUIRED
                        + " header: the gateway does not offer x402 v2 (see its PAYMENT_PROTOCOLS)");
            }
            return fromPaymentRequired(header.get());
        }
        return fromV1Body(challenge.body());
    }

    /** Version 2: the {@code PAYMENT-REQUIRED} value, base64 of the PaymentRequired JSON. */
    static X402Terms fromPaymentRequired(String headerValue) throws UnpayableChallenge {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(headerValue.strip());
        } catch (IllegalArgumentException e) {
            throw new UnpayableChallenge(X402Headers.PAYMENT_REQUIRED + " is not base64");
        }
        JsonNode root = object(new String(bytes, StandardCharsets.UTF_8), X402Headers.PAYMENT_REQUIRED);
        requireVersion(root, X402Version.V2, X402Headers.PAYMENT_REQUIRED);
        ObjectNode requirement = exactRequirement(root, X402Version.V2);
        String network = requirement.path("network").asText();
        BigInteger chainId = new BigInteger(CAIP2_EVM.matcher(network).replaceFirst("$1"));
        return terms(X402Version.V2, requirement, root.get("resource"), root.get("extensions"), network, chainId, "amount");
    }

    /** Version 1: a JSON body with {@code x402Version} 1 and {@code accepts}. */
    static X402Terms fromV1Body(String body) throws UnpayableChallenge {
        JsonNode root = object(body, "the 402 body");
        if (!root.path("x402Version").isIntegralNumber() || root.path("x402Version").asInt() != X402Version.V1.number()) {
            throw new UnpayableChallenge("the 402 body has no \"x402Version\":1: the gateway does not offer x402 v1"
                    + " (see its PAYMENT_PROTOCOLS)");
        }
        ObjectNode requirement = exactRequirement(root, X402Version.V1);
        String network = requirement.path("network").asText();
        long chainId = V1Networks.chainIdOf(network).orElseThrow();
        return terms(X402Version.V1, requirement, null, null, network, BigInteger.valueOf(chainId), "maxAmountRequired");
    }

    /** The token's EIP-712 domain the authorization is signed under. */
    TokenDomain domain() {
        return new TokenDomain(tokenName, tokenVersion, chainId, asset);
    }

    private static X402Terms terms(X402Version version, ObjectNode requirement, JsonNode resource, JsonNode extensions,
                                   String network, BigInteger chainId, String amountField) throws UnpayableChallenge {
        String amount = requirement.path(amountField).asText("");
        if (!requirement.path(amountField).isTextual() || !ATOMIC.matcher(amount).matches()) {
            throw new UnpayableChallenge("the requirement's " + amountField + " must be a string of atomic units");
        }
        JsonNode timeout = requirement.path("maxTimeoutSeconds");
        if (!timeout.isIntegralNumber() || !timeout.canConvertToLong() || timeout.asLong() <= 0) {
            throw new UnpayableChallenge("the requirement's maxTimeoutSeconds must be a positive whole number");
        }
        JsonNode extra = requirement.path("extra");
        String name = extra.path("name").asText("");
        String tokenVersion = extra.path("version").asText("");
        if (!extra.path("name").isTextual() || name.isEmpty() || !extra.path("version").isTextual() || tokenVersion.isEmpty()) {
            throw new UnpayableChallenge("the requirement's extra.name and extra.version (the token's EIP-712 domain) are required");
        }
        if (extra.has("assetTransferMethod") && !"eip3009".equals(extra.path("assetTransferMethod").asText())) {
            throw new UnpayableChallenge("the requirement asks for asset transfer method "
                    + extra.path("assetTransferMethod") + "; this client signs EIP-3009 authorizations only");
        }
        return new X402Terms(version, requirement.deepCopy(), resource == null ? null : resource.deepCopy(),
                extensions == null ? null : extensions.deepCopy(), network, chainId,
                address(requirement, "asset"), address(requirement, "payTo"), new BigInteger(amount), timeout.asLong(),
                name, tokenVersion);
    }

    /** The first {@code exact} entry of {@code accepts} on a network this client can sign for. */
    private static ObjectNode exactRequirement(JsonNode root, X402Version version) throws UnpayableChallenge {
        JsonNode accepts = root.path("accepts");
        if (!accepts.isArray()) {
            throw new UnpayableChallenge("the x402 v" + version.number() + " challenge has no accepts list");
        }
        for (JsonNode candidate : accepts) {
            if (candidate.isObject() && PaymentRequirements.EXACT.equals(candidate.path("scheme").asText())
                    && signableNetwork(version, candidate.path("network").asText())) {
                return (ObjectNode) candidate;
            }
        }
        throw new UnpayableChallenge("the x402 v" + version.number() + " challenge offers no exact payment on an "
                + (version == X402Version.V2 ? "eip155:<chainId>" : "EVM v1") + " network; offered: " + accepts);
    }

    private static boolean signableNetwork(X402Version version, String network) {
        return version == X402Version.V2 ? CAIP2_EVM.matcher(network).matches() : V1Networks.chainIdOf(network).isPresent();
    }

    private static String address(JsonNode requirement, String field) throws UnpayableChallenge {
        String text = requirement.path(field).asText("");
        try {
            Address.parse(text);
        } catch (Eip712Exception e) {
            throw new UnpayableChallenge("the requirement's " + field + " must be 0x followed by 40 hex digits, got '" + text + "'");
        }
        return text;
    }

    private static void requireVersion(JsonNode root, X402Version version, String where) throws UnpayableChallenge {
        JsonNode number = root.path("x402Version");
        if (!number.isIntegralNumber() || number.asInt() != version.number()) {
            throw new UnpayableChallenge(where + " carries x402Version " + number + ", not " + version.number());
        }
    }

    private static JsonNode object(String text, String where) throws UnpayableChallenge {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UnpayableChallenge(where + " is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new UnpayableChallenge(where + " is not a JSON object");
        }
        return root;
    }
}
