package io.microai.gateway.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.facilitator.FacilitatorClient;
import io.undertow.util.AttachmentKey;
import java.util.Objects;

/**
 * An x402 payment the facilitator verified and that is settled once the result exists: what the settlement
 * step needs to call {@code /settle} with the same payload and requirements {@code /verify} saw.
 *
 * @param protocol     the {@code protocol} label ({@code x402} or {@code x402-v1})
 * @param atomicAmount the price in atomic units, added to the settled amount on success
 * @param network      as the payment named it, for the settlement header
 */
public record PendingSettlement(FacilitatorClient facilitator, int x402Version, String payloadJson, ObjectNode requirements,
                                String protocol, long atomicAmount, String responseHeader, String network, String payer) {
    public static final AttachmentKey<PendingSettlement> KEY = AttachmentKey.create(PendingSettlement.class);

    public PendingSettlement {
        Objects.requireNonNull(facilitator, "facilitator");
        Objects.requireNonNull(payloadJson, "payloadJson");
        requirements = Objects.requireNonNull(requirements, "requirements").deepCopy();
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(responseHeader, "responseHeader");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(payer, "payer");
    }

    @Override
    public ObjectNode requirements() {
        return requirements.deepCopy();
    }
}
