package io.microai.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.gateway.payment.x402.X402Version;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.TransferWithAuthorization;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Official x402, version 2 or 1, scheme {@code exact}: sign an EIP-3009 {@code TransferWithAuthorization} of the
 * asked amount to {@code payTo} under the token's domain, and send it as the official client does.
 *
 * <p>Validity as the official client sets it: {@code validBefore} is now plus the requirement's
 * {@code maxTimeoutSeconds}; {@code validAfter} is 0 in version 2 and now minus ten minutes in version 1 (so a
 * receiver whose clock is behind still accepts it). The nonce is 32 random bytes: in x402 the payer, not the
 * server, makes each authorization unique.
 */
final class X402Payer implements Payer {
    /** Version 1's client backdates {@code validAfter} by this much. */
    static final long V1_BACKDATE_SECONDS = 600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X402Version version;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final Optional<BigInteger> maxAmount;

    X402Payer(X402Version version, Clock clock, Supplier<String> nonces, Optional<BigInteger> maxAmount) {
        this.version = version;
        this.clock = clock;
        this.nonces = nonces;
        this.maxAmount = maxAmount;
    }

    /** {@code 0x} + 64 lowercase hex digits of fresh randomness, as the official client writes a nonce. */
    static String randomNonce() {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return "0x" + HexFormat.of().formatHex(nonce);
    }

    @Override
    public Map<String, String> paymentHeaders(HttpResponse<String> challenge, Wallet wallet, boolean withPayer, Tamper tamper)
            throws UnpayableChallenge {
        return Map.of(version.paymentHeader(), X402PaymentPayload.encode(payment(X402Terms.of(version, challenge), wallet, tamper)));
    }

    /** The decoded payment answering {@code terms}. */
    ObjectNode payment(X402Terms terms, Wallet wallet, Tamper tamper) throws UnpayableChallenge {
        if (maxAmount.isPresent() && terms.amount().compareTo(maxAmount.get()) > 0) {
            throw new UnpayableChallenge("the gateway asks for " + terms.amount() + " atomic units of " + terms.asset() + " on "
                    + terms.network() + ", more than --max-amount " + maxAmount.get());
        }
        TransferWithAuthorization authorization = authorization(terms, wallet.address());
        String signature;
        try {
            signature = wallet.signAuthorization(terms.domain(), authorization);
        } catch (Eip712Exception e) {
            throw new UnpayableChallenge("the requirement cannot be signed: " + e.getMessage());
        }
        TransferWithAuthorization sent = new TransferWithAuthorization(authorization.from(), authorization.to(),
                authorization.value(), authorization.validAfter(), authorization.validBefore(),
                tamper.nonce().apply(authorization.nonce()));
        return X402PaymentPayload.of(terms, sent, tamper.signature().apply(signature));
    }

    private TransferWithAuthorization authorization(X402Terms terms, String from) {
        long now = clock.instant().getEpochSecond();
        long validAfter = version == X402Version.V2 ? 0 : Math.max(0, now - V1_BACKDATE_SECONDS);
        // The official client re-checksums payTo for the signed message while echoing the requirement as sent.
        String to = Address.toChecksum(Address.parse(terms.payTo()));
        return new TransferWithAuthorization(from, to, terms.amount().toString(), Long.toString(validAfter),
                Long.toString(now + terms.maxTimeoutSeconds()), nonces.get());
    }
}
