package io.microai.gateway.payment.facilitator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /supported}'s {@code kinds}: which (x402 version, scheme, network) the facilitator settles. */
public record SupportedKinds(List<Kind> kinds) {
    public record Kind(int x402Version, String scheme, String network) {
        /** A network named exactly, or a CAIP-2 family pattern such as {@code eip155:*}. */
        boolean covers(int version, String wantedScheme, String wantedNetwork) {
            if (x402Version != version || !scheme.equals(wantedScheme)) {
                return false;
            }
            return network.equals(wantedNetwork)
                    || (network.endsWith(":*") && wantedNetwork.startsWith(network.substring(0, network.length() - 1)));
        }

        @Override
        public String toString() {
            return "v" + x402Version + " " + scheme + " " + network;
        }
    }

    public SupportedKinds {
        kinds = List.copyOf(kinds);
    }

    /** Entries that are not objects of the documented shape are skipped: they can support nothing. */
    static SupportedKinds of(JsonNode array) {
        List<Kind> kinds = new ArrayList<>();
        for (JsonNode entry : array) {
            JsonNode version = entry.get("x402Version");
            JsonNode scheme = entry.get("scheme");
            JsonNode network = entry.get("network");
            if (version != null && version.canConvertToInt() && version.isIntegralNumber() && scheme != null && scheme.isTextual()
                    && network != null && network.isTextual()) {
                kinds.add(new Kind(version.intValue(), scheme.textValue(), network.textValue()));
            }
        }
        return new SupportedKinds(kinds);
    }

    public boolean covers(int version, String scheme, String network) {
        return kinds.stream().anyMatch(k -> k.covers(version, scheme, network));
    }
}
