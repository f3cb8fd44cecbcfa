package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.cli.client.ClientCli.Run;
import io.microai.gateway.payment.x402.PaymentProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ProtocolOptionTest {
    @Test
    void protocolsAreNamedAsInTheGatewaysPaymentProtocolsAndX402IsTheDefault() {
        assertEquals(PaymentProtocol.X402, ProtocolOption.parse("x402"));
        assertEquals(PaymentProtocol.X402_V1, ProtocolOption.parse("X402-V1"));
        assertEquals(PaymentProtocol.LEGACY, ProtocolOption.parse(" legacy "));
        assertEquals(List.of(PaymentProtocol.X402), ProtocolOption.parseList(List.of()));
    }

    @Test
    void mixedStandsForEveryProtocolAndAListKeepsItsOrder() {
        assertEquals(List.of(PaymentProtocol.X402, PaymentProtocol.X402_V1, PaymentProtocol.LEGACY), ProtocolOption.parseList(List.of("mixed")));
        assertEquals(List.of(PaymentProtocol.LEGACY, PaymentProtocol.X402), ProtocolOption.parseList(List.of("legacy", "x402")));
        assertThrows(TypeConversionException.class, () -> ProtocolOption.parseList(List.of("x402", "mixed")));
    }

    @Test
    void anUnknownOrRepeatedProtocolIsAUsageErrorBeforeAnyTraffic() {
        Run pay = ClientCli.run("pay", "summarize", "--text", "x", "--protocol", "x403", "--gateway", "http://127.0.0.1:9");
        assertEquals(2, pay.code(), pay.err());
        assertTrue(pay.err().contains("x402|x402-v1|legacy"), pay.err());
        Run unknown = ClientCli.run("load", "--protocol", "x402,nope", "--gateway", "http://127.0.0.1:9");
        assertEquals(2, unknown.code(), unknown.err());
        Run twice = ClientCli.run("load", "--protocol", "x402", "--protocol", "x402", "--gateway", "http://127.0.0.1:9");
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("given twice"), twice.err());
    }
}
