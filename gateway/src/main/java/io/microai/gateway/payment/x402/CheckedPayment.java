package io.microai.gateway.payment.x402;

import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import java.util.Objects;

/**
 * A payment that passed every local check. Two things remain: that the signature recovers to
 * {@link #payer()} (see {@link PaymentChecks#confirmSigner}), and that {@link #replayKey()} was not used
 * (see {@link AuthorizationLedger}).
 *
 * @param requirements the offer it matched
 * @param network      as the client named it (CAIP-2 for v2, the v1 word for v1), for the settlement header
 * @param domain       the token's EIP-712 domain from this gateway's own terms, never from the client's claims,
 *                     so a signature over any other domain recovers to someone else
 * @param message      the authorization as the EIP-3009 message the signature covers
 * @param decoded      the payment as decoded, for a facilitator that wants the original payload
 */
public record CheckedPayment(X402Version version, PaymentRequirements requirements, String network,
                             Authorization authorization, String signature, TokenDomain domain,
                             TransferWithAuthorization message,
                             ReplayKey replayKey, DecodedPayment decoded) {
    public CheckedPayment {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requirements, "requirements");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(replayKey, "replayKey");
        Objects.requireNonNull(decoded, "decoded");
    }

    /** The claimed payer, EIP-55; proven only once the signature recovers to it. */
    public String payer() {
        return authorization.from();
    }
}
