package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.http.Json;
import io.microai.shared.testing.FakeClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every refusal code, each produced from a crafted header run through the whole pipeline. */
class PaymentChecksTest {
    private final FakeClock clock = new FakeClock(Payments.NOW * 1000L);
    private final PaymentPipeline pipeline = new PaymentPipeline(clock);

    private X402Failure refusal(Payments.Builder payment) {
        Outcome<String> outcome = pipeline.pay(payment);
        assertFalse(outcome.isAccepted(), () -> "accepted: " + outcome);
        return outcome.refusal().failure();
    }

    private X402Failure refusal(X402Version version, String header) {
        Outcome<String> outcome = pipeline.pay(version, header);
        assertFalse(outcome.isAccepted(), () -> "accepted: " + outcome);
        return outcome.refusal().failure();
    }

    private void assertAccepted(Payments.Builder payment) {
        Outcome<String> outcome = pipeline.pay(payment);
        assertTrue(outcome.isAccepted(), () -> "refused: " + outcome);
        assertEquals(Payments.PAYER, outcome.value());
    }

    private void setValidBefore(Payments.Builder payment, long secondsFromNow) {
        payment.authorization().put("validBefore", Long.toString(Payments.NOW + secondsFromNow));
    }

    @Test
    void aPaymentAsTheOfficialClientMakesItIsAcceptedAndIsTheViemVector() {
        Payments.Builder payment = Payments.v2();
        String header = payment.header();
        assertEquals("0xbd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c7879afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c",
                payment.payload().get("signature").asText());
        Outcome<String> outcome = pipeline.pay(X402Version.V2, header);
        assertEquals(Payments.PAYER, outcome.value());
    }

    @Test
    void aV1PaymentAsTheOfficialClientMakesItIsAccepted() {
        assertAccepted(Payments.v1());
    }

    @Test
    void malformedPaymentHeader() {
        assertEquals(X402Failure.MALFORMED_PAYMENT_HEADER, refusal(X402Version.V2, "not base64!"));
    }

    @Test
    void paymentHeaderTooLarge() {
        Payments.Builder payment = Payments.v2();
        payment.root.put("padding", "x".repeat(8000));
        assertEquals(X402Failure.PAYMENT_HEADER_TOO_LARGE, refusal(payment));
    }

    @Test
    void unsupportedVersion() {
        Payments.Builder payment = Payments.v2();
        payment.root.put("x402Version", 3);
        assertEquals(X402Failure.UNSUPPORTED_VERSION, refusal(payment));
        PaymentPipeline v2Only = new PaymentPipeline(Payments.settings("PAYMENT_PROTOCOLS", "x402"), clock,
                new InMemoryAuthorizationLedger(clock, 10));
        assertEquals(X402Failure.UNSUPPORTED_VERSION, v2Only.pay(Payments.v1()).refusal().failure());
    }

    @Test
    void unsupportedVersionIsAlsoCheckedForAPaymentDecodedElsewhere() {
        DecodedPayment v1 = new PaymentHeaderDecoder(EnumSet.allOf(X402Version.class))
                .decode(X402Version.V1, Payments.v1().header()).value();
        PaymentChecks v2Only = new PaymentChecks(Payments.settings("PAYMENT_PROTOCOLS", "x402"), clock);
        assertEquals(X402Failure.UNSUPPORTED_VERSION, v2Only.check(v1).refusal().failure());
    }

    @Test
    void unsupportedScheme() {
        Payments.Builder payment = Payments.v2();
        payment.accepted().put("scheme", "upto");
        assertEquals(X402Failure.UNSUPPORTED_SCHEME, refusal(payment));
        DecodedPayment decoded = new PaymentHeaderDecoder(EnumSet.allOf(X402Version.class))
                .decode(X402Version.V1, Payments.v1().header()).value();
        DecodedPayment upto = new DecodedPayment(decoded.version(), "upto", decoded.network(), decoded.accepted(),
                decoded.authorization(), decoded.signature(), decoded.payloadJson());
        assertEquals(X402Failure.UNSUPPORTED_SCHEME,
                new PaymentChecks(Payments.settings(), clock).check(upto).refusal().failure());
    }

    @Test
    void requirementsMismatchForAnyOtherDifferenceInAccepted() {
        Payments.Builder timeout = Payments.v2();
        timeout.accepted().put("maxTimeoutSeconds", 120);
        assertEquals(X402Failure.REQUIREMENTS_MISMATCH, refusal(timeout));
        Payments.Builder noExtra = Payments.v2();
        noExtra.accepted().remove("extra");
        assertEquals(X402Failure.REQUIREMENTS_MISMATCH, refusal(noExtra));
        Payments.Builder extraVersion = Payments.v2();
        ((ObjectNode) extraVersion.accepted().get("extra")).put("version", "1");
        assertEquals(X402Failure.REQUIREMENTS_MISMATCH, refusal(extraVersion));
        Payments.Builder addedCoreMember = Payments.v2();
        addedCoreMember.accepted().put("discount", "50%");
        assertEquals(X402Failure.REQUIREMENTS_MISMATCH, refusal(addedCoreMember));
        Payments.Builder timeoutAsString = Payments.v2();
        timeoutAsString.accepted().put("maxTimeoutSeconds", "60");
        assertEquals(X402Failure.REQUIREMENTS_MISMATCH, refusal(timeoutAsString));
    }

    @Test
    void acceptedMatchesRegardlessOfMemberOrderAndWithExtraMembersInExtra() {
        Payments.Builder reordered = Payments.v2();
        ObjectNode shuffled = Json.MAPPER.createObjectNode();
        ObjectNode original = reordered.accepted();
        for (String field : new String[] {"extra", "payTo", "maxTimeoutSeconds", "asset", "amount", "network", "scheme"}) {
            shuffled.set(field, original.get(field));
        }
        ((ObjectNode) shuffled.get("extra")).put("assetTransferMethod", "eip3009");
        reordered.root.set("accepted", shuffled);
        assertAccepted(reordered);
    }

    @Test
    void networkMismatch() {
        Payments.Builder v2 = Payments.v2();
        v2.accepted().put("network", "eip155:8453");
        assertEquals(X402Failure.NETWORK_MISMATCH, refusal(v2));
        Payments.Builder v1 = Payments.v1();
        v1.root.put("network", "base");
        assertEquals(X402Failure.NETWORK_MISMATCH, refusal(v1));
    }

    @Test
    void assetMismatch() {
        Payments.Builder other = Payments.v2();
        other.accepted().put("asset", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913");
        assertEquals(X402Failure.ASSET_MISMATCH, refusal(other));
        Payments.Builder respelled = Payments.v2();
        respelled.accepted().put("asset", Payments.BASE_SEPOLIA_USDC.toLowerCase());
        assertEquals(X402Failure.ASSET_MISMATCH, refusal(respelled)); // accepted is compared as the client echoed it
    }

    @Test
    void recipientMismatch() {
        Payments.Builder echoed = Payments.v2();
        echoed.accepted().put("payTo", Payments.PAYER);
        assertEquals(X402Failure.RECIPIENT_MISMATCH, refusal(echoed));
        Payments.Builder signed = Payments.v2();
        signed.authorization().put("to", Payments.PAYER);
        assertEquals(X402Failure.RECIPIENT_MISMATCH, refusal(signed));
        Payments.Builder v1 = Payments.v1();
        v1.authorization().put("to", Payments.PAYER);
        assertEquals(X402Failure.RECIPIENT_MISMATCH, refusal(v1));
    }

    @Test
    void amountMismatch() {
        Payments.Builder echoed = Payments.v2();
        echoed.accepted().put("amount", "999");
        assertEquals(X402Failure.AMOUNT_MISMATCH, refusal(echoed));
        for (String value : new String[] {"999", "1001", "0", "1000000000000000000000000000000000000000"}) {
            Payments.Builder signed = Payments.v2();
            signed.authorization().put("value", value);
            assertEquals(X402Failure.AMOUNT_MISMATCH, refusal(signed), value);
        }
        Payments.Builder v1 = Payments.v1();
        v1.authorization().put("value", "1001");
        assertEquals(X402Failure.AMOUNT_MISMATCH, refusal(v1));
    }

    @Test
    void notYetValidUntilValidAfterIsReached() {
        Payments.Builder future = Payments.v2();
        future.authorization().put("validAfter", Long.toString(Payments.NOW + 1));
        assertEquals(X402Failure.NOT_YET_VALID, refusal(future));
        Payments.Builder now = Payments.v2();
        now.authorization().put("validAfter", Long.toString(Payments.NOW));
        assertAccepted(now);
    }

    @Test
    void expiredWhenLessThanSixSecondsRemain() {
        Payments.Builder past = Payments.v2();
        setValidBefore(past, -1);
        assertEquals(X402Failure.EXPIRED, refusal(past));
        Payments.Builder five = Payments.v2();
        setValidBefore(five, 5);
        assertEquals(X402Failure.EXPIRED, refusal(five));
        Payments.Builder six = Payments.v2();
        setValidBefore(six, 6);
        assertAccepted(six);
    }

    @Test
    void validTooLongBeyondTheTimeoutPlusSkew() {
        Payments.Builder longest = Payments.v2();
        setValidBefore(longest, 60 + 30);
        assertAccepted(longest);
        Payments.Builder tooLong = Payments.v2();
        setValidBefore(tooLong, 60 + 31);
        assertEquals(X402Failure.VALID_TOO_LONG, refusal(tooLong));
        Payments.Builder forever = Payments.v2();
        forever.authorization().put("validBefore", BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString());
        assertEquals(X402Failure.VALID_TOO_LONG, refusal(forever));
    }

    @Test
    void invalidSignatureWhenItRecoversToNoKey() {
        Payments.Builder badV = Payments.v2();
        badV.header();
        String signed = badV.payload().get("signature").asText();
        badV.payload().put("signature", signed.substring(0, 130) + "1d"); // v = 29
        assertEquals(X402Failure.INVALID_SIGNATURE, refusal(X402Version.V2, badV.unsignedHeader()));
        Payments.Builder zeros = Payments.v2();
        zeros.payload().put("signature", "0x" + "00".repeat(64) + "1b");
        assertEquals(X402Failure.INVALID_SIGNATURE, refusal(X402Version.V2, zeros.unsignedHeader()));
    }

    @Test
    void signerMismatchWhenSomeoneElseSigned() {
        assertEquals(X402Failure.SIGNER_MISMATCH, refusal(Payments.v2().signedBy(Payments.OTHER_KEY)));
    }

    @Test
    void signerMismatchWhenTheAuthorizationChangedAfterSigning() {
        Payments.Builder payment = Payments.v2();
        payment.header();
        payment.authorization().put("nonce", "0x" + "22".repeat(32));
        assertEquals(X402Failure.SIGNER_MISMATCH, refusal(X402Version.V2, payment.unsignedHeader()));
    }

    @Test
    void signerMismatchWhenSignedOverAnotherTokensDomain() {
        X402Settings mainnetName = Payments.settings("X402_ASSET_NAME", "USD Coin");
        PaymentChecks checks = new PaymentChecks(mainnetName, clock);
        DecodedPayment decoded = new PaymentHeaderDecoder(mainnetName.versions()).decode(X402Version.V1, Payments.v1().header()).value();
        CheckedPayment checked = checks.check(decoded).value();
        assertEquals("USD Coin", checked.domain().name());
        assertEquals(X402Failure.SIGNER_MISMATCH,
                checks.confirmSigner(checked, PaymentPipeline.recover(checked)).refusal().failure());
    }

    @Test
    void authorizationAlreadyUsedOnTheSecondPresentation() {
        String header = Payments.v2().header();
        assertTrue(pipeline.pay(X402Version.V2, header).isAccepted());
        assertEquals(X402Failure.AUTHORIZATION_ALREADY_USED, refusal(X402Version.V2, header));
    }

    @Test
    void authorizationAlreadyUsedAcrossVersionsAndSpellings() {
        Payments.Builder v2 = Payments.v2();
        setValidBefore(v2, 60);
        assertAccepted(v2);
        Payments.Builder v1 = Payments.v1();
        setValidBefore(v1, 60);
        v1.authorization().put("nonce", Payments.NONCE.toUpperCase().replace("0X", "0x"));
        assertEquals(X402Failure.AUTHORIZATION_ALREADY_USED, refusal(v1));
    }

    @Test
    void replayStoreUnavailableWhenTheLedgerIsFullOfLiveAuthorizations() {
        PaymentPipeline tiny = new PaymentPipeline(Payments.settings(), clock, new InMemoryAuthorizationLedger(clock, 1));
        assertTrue(tiny.pay(Payments.v2()).isAccepted());
        Payments.Builder second = Payments.v2();
        second.authorization().put("nonce", "0x" + "33".repeat(32));
        assertEquals(X402Failure.REPLAY_STORE_UNAVAILABLE, tiny.pay(second).refusal().failure());
    }

    @Test
    void verifierUnavailableWhenItsAnswerIsNoAddress() {
        PaymentChecks checks = new PaymentChecks(Payments.settings(), clock);
        CheckedPayment checked = checks.check(new PaymentHeaderDecoder(EnumSet.allOf(X402Version.class))
                .decode(X402Version.V2, Payments.v2().header()).value()).value();
        assertEquals(X402Failure.VERIFIER_UNAVAILABLE, checks.confirmSigner(checked, Optional.of("nonsense")).refusal().failure());
        assertEquals(X402Failure.INVALID_SIGNATURE, checks.confirmSigner(checked, Optional.empty()).refusal().failure());
        assertEquals(Payments.PAYER, checks.confirmSigner(checked, Optional.of(Payments.PAYER.toLowerCase())).value());
    }

    @Test
    void checkedPaymentCarriesTheGatewaysDomainAndTheReplayKey() {
        CheckedPayment checked = new PaymentChecks(Payments.settings(), clock).check(new PaymentHeaderDecoder(
                EnumSet.allOf(X402Version.class)).decode(X402Version.V2, Payments.v2().header()).value()).value();
        assertEquals(new TokenDomain("USDC", "2", BigInteger.valueOf(84532), Payments.BASE_SEPOLIA_USDC), checked.domain());
        assertEquals(new TransferWithAuthorization(Payments.PAYER, Payments.PAY_TO, "1000", "0", "1800000000", Payments.NONCE),
                checked.message());
        assertEquals("x402:eip155:84532:" + Payments.BASE_SEPOLIA_USDC.toLowerCase() + ":" + Payments.PAYER.toLowerCase()
                + ":" + Payments.NONCE, checked.replayKey().value());
        assertEquals(Instant.ofEpochSecond(1_800_000_000L + 30), checked.replayKey().rememberUntil());
        assertEquals("eip155:84532", checked.network());
        assertEquals(Payments.PAYER, checked.payer());
    }

    @Test
    void theSameAuthorizationIsRefusedByTimeOnceTheLedgerForgetsIt() {
        String header = Payments.v2().header();
        assertTrue(pipeline.pay(X402Version.V2, header).isAccepted());
        clock.advance(Duration.ofSeconds(60)); // past validBefore + skew
        assertEquals(X402Failure.EXPIRED, refusal(X402Version.V2, header));
    }
}
