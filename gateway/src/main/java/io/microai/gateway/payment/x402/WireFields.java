package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.Address;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed reads of one JSON object's members, each failure a {@link Malformed} that names the field. */
final class WireFields {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern UINT = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    private WireFields() {
    }

    static JsonNode object(JsonNode parent, String field, String path) throws Malformed {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new Malformed(path + " must be an object");
        }
        return node;
    }

    static String string(JsonNode parent, String field, String path) throws Malformed {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new Malformed(path + " must be a string");
        }
        return node.textValue();
    }

    /** An optional member that, when present, is an object or null. */
    static void optionalObject(JsonNode parent, String field, String path) throws Malformed {
        JsonNode node = parent.get(field);
        if (node != null && !node.isObject() && !node.isNull()) {
            throw new Malformed(path + " must be an object when present");
        }
    }

    /** Exactly these members: nothing else is ever signed or read, so anything else is a malformed client. */
    static void onlyMembers(JsonNode object, Set<String> allowed, String path) throws Malformed {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Malformed(path + " has an unexpected member");
            }
        }
    }

    /**
     * {@code 0x} + 40 hex digits, returned in EIP-55 form. All-lowercase and all-uppercase spellings carry
     * no checksum and are accepted; a mixed-case one must be the correct checksum, as wallets demand.
     */
    static String address(JsonNode parent, String field, String path) throws Malformed {
        String text = string(parent, field, path);
        if (!ADDRESS.matcher(text).matches()) {
            throw new Malformed(path + " must be 0x followed by 40 hex digits");
        }
        String checksummed = Address.toChecksum(Address.parse(text));
        String digits = text.substring(2);
        boolean mixed = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixed && !checksummed.equals(text)) {
            throw new Malformed(path + " has an invalid EIP-55 checksum");
        }
        return checksummed;
    }

    /** A uint256 as ASCII decimal digits: no sign, no leading zero, no exponent, no whitespace. */
    static BigInteger uint256(JsonNode parent, String field, String path) throws Malformed {
        String text = string(parent, field, path);
        if (!UINT.matcher(text).matches()) {
            throw new Malformed(path + " must be a decimal string of an unsigned integer without leading zeros");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(UINT256_LIMIT) >= 0) {
            throw new Malformed(path + " does not fit a uint256");
        }
        return value;
    }

    static String bytes32(JsonNode parent, String field, String path) throws Malformed {
        String text = string(parent, field, path);
        if (!BYTES32.matcher(text).matches()) {
            throw new Malformed(path + " must be 0x followed by 64 hex digits");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * 65 bytes r ‖ s ‖ v. Longer signatures (contract wallets, ERC-6492 wrappers) need a chain to check
     * and are refused here as malformed rather than accepted unverified.
     */
    static String signature(JsonNode parent, String field, String path) throws Malformed {
        String text = string(parent, field, path);
        if (!SIGNATURE.matcher(text).matches()) {
            throw new Malformed(path + " must be 0x followed by 130 hex digits (a 65-byte signature)");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** A malformed member; cheap (no stack trace) because hostile input makes many of them. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
