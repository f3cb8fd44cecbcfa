package io.microai.shared.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import io.microai.shared.http.Json;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The /verify and /verify/authorization JSON, byte for byte: field names, their order, and which nulls are written. */
class VerifyWireTest {
    private static final String ADDRESS = "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219";
    private static final VerifyRequest.Context CONTEXT =
            new VerifyRequest.Context(ADDRESS, "USDC", "0.001", "n-1", BigInteger.valueOf(8453));
    private static final String TOKEN = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";
    private static final String PAYEE = "0x209693Bc6afc0C5328bA36FaF03C514EF312287C";
    private static final String NONCE32 = "0x" + "11".repeat(32);
    private static final TokenDomain DOMAIN = new TokenDomain("USDC", "2", BigInteger.valueOf(84532), TOKEN);
    private static final TransferWithAuthorization MESSAGE =
            new TransferWithAuthorization(ADDRESS, PAYEE, "1000", "0", "1800000000", NONCE32);
    private static final AuthorizationVerifyRequest AUTHORIZATION = new AuthorizationVerifyRequest(
            new AuthorizationVerifyRequest.Domain("USDC", "2", BigInteger.valueOf(84532), TOKEN),
            new AuthorizationVerifyRequest.Message(ADDRESS, PAYEE, "1000", "0", "1800000000", NONCE32), "0xabc");

    @Test
    void theRequestIsContextThenSignatureWithChainIdAsANumber() throws Exception {
        assertEquals("{\"context\":{\"recipient\":\"" + ADDRESS + "\",\"token\":\"USDC\",\"amount\":\"0.001\",\"nonce\":\"n-1\","
                        + "\"chainId\":8453},\"signature\":\"0xabc\"}",
                Json.MAPPER.writeValueAsString(new VerifyRequest(CONTEXT, "0xabc")));
    }

    @Test
    void aChainIdBeyondALongStaysAnExactNumber() throws Exception {
        BigInteger big = BigInteger.TWO.pow(200);
        VerifyRequest.Context context = new VerifyRequest.Context(ADDRESS, "USDC", "1", "n", big);
        String json = Json.MAPPER.writeValueAsString(context);
        assertTrue(json.endsWith("\"chainId\":" + big + "}"), json);
        assertEquals(context, Json.MAPPER.readValue(json, VerifyRequest.Context.class));
    }

    @Test
    void theContextConvertsToTheTypedDataFieldForField() {
        assertEquals(new PaymentContext(ADDRESS, "USDC", "0.001", "n-1", BigInteger.valueOf(8453)), CONTEXT.payment());
    }

    @Test
    void theAuthorizationRequestIsDomainMessageSignatureWithChainIdAsANumberAndValuesAsStrings() throws Exception {
        assertEquals("{\"domain\":{\"name\":\"USDC\",\"version\":\"2\",\"chainId\":84532,\"verifyingContract\":\"" + TOKEN + "\"},"
                        + "\"message\":{\"from\":\"" + ADDRESS + "\",\"to\":\"" + PAYEE + "\",\"value\":\"1000\",\"validAfter\":\"0\","
                        + "\"validBefore\":\"1800000000\",\"nonce\":\"" + NONCE32 + "\"},\"signature\":\"0xabc\"}",
                Json.MAPPER.writeValueAsString(AUTHORIZATION));
    }

    @Test
    void theAuthorizationRequestConvertsToAndFromTheTypedDataFieldForField() {
        assertEquals(DOMAIN, AUTHORIZATION.domain().tokenDomain());
        assertEquals(MESSAGE, AUTHORIZATION.message().authorization());
        assertEquals(AUTHORIZATION.domain(), AuthorizationVerifyRequest.Domain.of(DOMAIN));
        assertEquals(AUTHORIZATION.message(), AuthorizationVerifyRequest.Message.of(MESSAGE));
    }

    @Test
    void aRecoveredSignerWritesANullErrorAndNoErrorCode() throws Exception {
        assertEquals("{\"is_valid\":true,\"recovered_address\":\"" + ADDRESS + "\",\"error\":null}",
                Json.MAPPER.writeValueAsString(VerifyResponse.recovered(ADDRESS)));
    }

    @Test
    void aRefusalWritesANullAddressTheMessageAndTheCode() throws Exception {
        assertEquals("{\"is_valid\":false,\"recovered_address\":null,\"error\":\"high_s: s must be at most n/2\",\"error_code\":\"high_s\"}",
                Json.MAPPER.writeValueAsString(VerifyResponse.refused(RefusalCode.HIGH_S, "high_s: s must be at most n/2")));
    }

    @Test
    void readingToleratesUnknownAndMissingFields() throws Exception {
        VerifyResponse answer = Json.MAPPER.readValue("{\"is_valid\":true,\"extra\":[1],\"recovered_address\":\"0x1\"}", VerifyResponse.class);
        assertTrue(answer.valid());
        assertEquals("0x1", answer.recoveredAddress());
        assertNull(answer.error());
        assertNull(answer.errorCode());
        assertFalse(Json.MAPPER.readValue("{}", VerifyResponse.class).valid(), "a missing is_valid reads as false");
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws Exception {
        for (VerifyResponse answer : new VerifyResponse[] {VerifyResponse.recovered(ADDRESS),
                VerifyResponse.refused(RefusalCode.PAYLOAD_TOO_LARGE, "too large")}) {
            assertEquals(answer, Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(answer), VerifyResponse.class));
        }
        VerifyRequest request = new VerifyRequest(CONTEXT, "0xabc");
        assertEquals(request, Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(request), VerifyRequest.class));
        assertEquals(AUTHORIZATION, Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(AUTHORIZATION), AuthorizationVerifyRequest.class));
    }
}
