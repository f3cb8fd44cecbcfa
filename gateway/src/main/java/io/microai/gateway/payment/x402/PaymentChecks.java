package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks that need neither a key nor a chain, in this order: version and scheme offered; the
 * client's choice of terms (version 2: {@code accepted} matches the offer; version 1: the network);
 * then the signed authorization itself: recipient, amount, and the time window.
 *
 * <p>Matching {@code accepted} follows the official server: every member except {@code extra} must be
 * equal as JSON (member order does not matter, strings are compared exactly), and {@code extra} must
 * contain each offered member with an equal value (a client may add members). When it does not match,
 * the first differing field among network, asset, payTo and amount names the failure; anything else is
 * {@code requirements_mismatch}. The authorization is then checked on its own, because it, not the
 * echoed terms, is what the signature covers.
 *
 * <p>Time, in whole seconds of the injected clock: {@code validAfter <= now} and
 * {@code validBefore >= now + 6} are the official facilitator's own rules (the token contract needs the
 * window open when the transfer lands). The facilitator sets no upper bound; this gateway refuses
 * {@code validBefore > now + maxTimeoutSeconds + 30}: the client sets it to its own now plus
 * maxTimeoutSeconds, 30 s absorbs a client clock running ahead, and the bound keeps an accepted
 * authorization from staying live (and in the replay store) for longer than the offer allowed.
 */
public final class PaymentChecks {
    /** Least remaining validity the official facilitator accepts. */
    public static final long MIN_VALIDITY_SECONDS = 6;
    /** Tolerated lead of the client's clock over this gateway's, for the upper bound of validBefore. */
    public static final long CLOCK_SKEW_SECONDS = 30;

    /** Which differing field names a mismatch, in order of checking. */
    private static final Map<String, X402Failure> DIAGNOSIS = diagnosis();

    private final X402Settings settings;
    private final Clock clock;
    private final PaymentRequirements offer;
    private final ObjectNode offerJson;

    public PaymentChecks(X402Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.offer = settings.requirements();
        this.offerJson = offer.toJson();
    }

    public Outcome<CheckedPayment> check(DecodedPayment payment) {
        if (!settings.offers(payment.version())) {
            return Outcome.refused(X402Failure.UNSUPPORTED_VERSION,
                    "x402 version " + payment.version().number() + " is not accepted here");
        }
        if (!PaymentRequirements.EXACT.equals(payment.scheme())) {
            return Outcome.refused(X402Failure.UNSUPPORTED_SCHEME, "only the exact scheme is accepted");
        }
        Optional<Refusal> terms = payment.version() == X402Version.V2 ? checkAccepted(payment) : checkV1Network(payment);
        if (terms.isPresent()) {
            return Outcome.refused(terms.get());
        }
        Authorization auth = payment.authorization();
        if (!auth.to().equals(offer.payTo())) {
            return Outcome.refused(X402Failure.RECIPIENT_MISMATCH, "payload.authorization.to must be " + offer.payTo());
        }
        if (!auth.value().equals(settings.amount())) {
            return Outcome.refused(X402Failure.AMOUNT_MISMATCH, "payload.authorization.value must be " + settings.amount());
        }
        long now = clock.instant().getEpochSecond();
        if (auth.validAfter().compareTo(BigInteger.valueOf(now)) > 0) {
            return Outcome.refused(X402Failure.NOT_YET_VALID, "payload.authorization.validAfter is in the future");
        }
        if (auth.validBefore().compareTo(BigInteger.valueOf(now + MIN_VALIDITY_SECONDS)) < 0) {
            return Outcome.refused(X402Failure.EXPIRED,
                    "payload.authorization.validBefore must be at least " + MIN_VALIDITY_SECONDS + " s in the future");
        }
        long latest = now + settings.maxTimeoutSeconds() + CLOCK_SKEW_SECONDS;
        if (auth.validBefore().compareTo(BigInteger.valueOf(latest)) > 0) {
            return Outcome.refused(X402Failure.VALID_TOO_LONG, "payload.authorization.validBefore must be at most "
                    + settings.maxTimeoutSeconds() + " s (+" + CLOCK_SKEW_SECONDS + " s skew) in the future");
        }
        ReplayKey replayKey = new ReplayKey(replayKeyOf(auth),
                Instant.ofEpochSecond(auth.validBefore().longValueExact() + CLOCK_SKEW_SECONDS));
        return Outcome.accepted(new CheckedPayment(payment.version(), offer, payment.network(), auth,
                payment.signature(), settings.tokenDomain(), auth.toMessage(), replayKey, payment));
    }

    /**
     * Judges the verifier's answer: {@code recoveredSigner} is the address the signature over
     * {@link CheckedPayment#message()} under {@link CheckedPayment#domain()} recovers to, or empty when it
     * recovers to none.
     *
     * @return the proven payer (EIP-55)
     */
    public Outcome<String> confirmSigner(CheckedPayment payment, Optional<String> recoveredSigner) {
        if (recoveredSigner.isEmpty()) {
            return Outcome.refused(X402Failure.INVALID_SIGNATURE, "the signature recovers to no key");
        }
        String signer;
        try {
            signer = Address.toChecksum(Address.parse(recoveredSigner.get()));
        } catch (Eip712Exception e) {
            return Outcome.refused(X402Failure.VERIFIER_UNAVAILABLE, "the verifier answered with no usable address");
        }
        if (!signer.equals(payment.payer())) {
            return Outcome.refused(X402Failure.SIGNER_MISMATCH, "the signature was not made by payload.authorization.from");
        }
        return Outcome.accepted(signer);
    }

    private Optional<Refusal> checkAccepted(DecodedPayment payment) {
        JsonNode accepted = payment.accepted().orElse(null);
        if (accepted == null || !accepted.isObject()) {
            return Optional.of(new Refusal(X402Failure.REQUIREMENTS_MISMATCH, "version 2 payments must echo accepted"));
        }
        if (matchesOffer((ObjectNode) accepted)) {
            return Optional.empty();
        }
        for (Map.Entry<String, X402Failure> field : DIAGNOSIS.entrySet()) {
            if (!Objects.equals(offerJson.get(field.getKey()), accepted.get(field.getKey()))) {
                return Optional.of(new Refusal(field.getValue(),
                        "accepted." + field.getKey() + " must be the offered " + offerJson.get(field.getKey())));
            }
        }
        return Optional.of(new Refusal(X402Failure.REQUIREMENTS_MISMATCH, "accepted does not equal the offered requirements"));
    }

    private boolean matchesOffer(ObjectNode accepted) {
        ObjectNode acceptedCore = accepted.deepCopy();
        JsonNode acceptedExtra = acceptedCore.remove("extra");
        ObjectNode offerCore = offerJson.deepCopy();
        JsonNode offerExtra = offerCore.remove("extra");
        if (!offerCore.equals(acceptedCore)) {
            return false;
        }
        if (acceptedExtra == null || !acceptedExtra.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = offerExtra.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getValue().equals(acceptedExtra.get(member.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private Optional<Refusal> checkV1Network(DecodedPayment payment) {
        String expected = settings.v1Network().orElse("");
        if (!expected.equals(payment.network())) {
            return Optional.of(new Refusal(X402Failure.NETWORK_MISMATCH, "network must be " + expected));
        }
        return Optional.empty();
    }

    private static Map<String, X402Failure> diagnosis() {
        Map<String, X402Failure> order = new LinkedHashMap<>();
        order.put("network", X402Failure.NETWORK_MISMATCH);
        order.put("asset", X402Failure.ASSET_MISMATCH);
        order.put("payTo", X402Failure.RECIPIENT_MISMATCH);
        order.put("amount", X402Failure.AMOUNT_MISMATCH);
        return Collections.unmodifiableMap(order);
    }

    private String replayKeyOf(Authorization auth) {
        return ("x402:" + settings.network() + ":" + settings.asset().address() + ":" + auth.from() + ":" + auth.nonce())
                .toLowerCase(Locale.ROOT);
    }
}
