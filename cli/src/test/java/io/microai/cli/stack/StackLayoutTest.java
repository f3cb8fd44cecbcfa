package io.microai.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code stack up}'s options turned into ports, hosts and settings, before anything starts. */
class StackLayoutTest {
    @TempDir
    Path dir;

    /** Parses the arguments as {@code microai stack up} would, with an empty inherited environment. */
    private StackLayout layout(String... args) throws Exception {
        StackUpCommand command = new StackUpCommand();
        new CommandLine(command).parseArgs(args);
        return StackLayout.from(command.options, new StackFiles(dir), Map.of());
    }

    @Test
    void withoutOptionsTheServicesListenOnTheirOwnDefaultPortsOnLoopback() throws Exception {
        StackLayout layout = layout();
        assertEquals(VerifierApi.DEFAULT_PORT, layout.verifierPort());
        assertEquals(List.of(GatewayApi.DEFAULT_PORT), layout.gatewayPorts());
        assertEquals("127.0.0.1", layout.verifierHost());
        assertEquals("127.0.0.1", layout.gatewayHost());
        assertNull(layout.sharedRedisUrl());
    }

    @Test
    void theGatewayIsWiredToTheVerifierThroughItsEnvironment() throws Exception {
        Map<String, String> env = layout("--gateway-port", "4100", "--verifier-port", "4200", "-e", "AI_PROVIDER=embedded").serviceEnv();
        assertEquals("http://127.0.0.1:4200", env.get("VERIFIER_URL"));
        assertEquals("4200", env.get("VERIFIER_PORT"));
        assertEquals("4100", env.get("GATEWAY_PORT"));
        assertEquals("embedded", env.get("AI_PROVIDER"));
    }

    @Test
    void aFleetTakesConsecutivePortsAndSharesThePrivateRedis() throws Exception {
        StackLayout layout = layout("--gateways", "3", "--with-redis", "--redis-port", "4300",
                "--gateway-port", "4100", "--verifier-port", "4200");
        assertEquals(List.of(4100, 4101, 4102), layout.gatewayPorts());
        assertEquals("redis://127.0.0.1:4300", layout.sharedRedisUrl());
    }

    @Test
    void aVerifierPortInsideTheFleetIsAUsageErrorNamingTheRange() {
        UpOptions.UsageError e = assertThrows(UpOptions.UsageError.class, () -> layout("--gateways", "3", "--with-redis",
                "--gateway-port", "4100", "--verifier-port", "4101"));
        assertTrue(e.getMessage().contains("4101") && e.getMessage().contains("4100-4102"), e.getMessage());
    }

    @Test
    void theMetricsPathLosesATrailingSlashAsTheServicesDrop() throws Exception {
        StackLayout layout = layout("-e", "METRICS_PATH=/internal/metrics/");
        assertEquals("http://127.0.0.1:4100/internal/metrics", layout.metricsUrl("http://127.0.0.1:4100"));
    }

    @Test
    void aMetricsPathTheServicesWouldRefuseIsAConfigurationError() {
        for (String path : List.of("metrics", "/met%20rics", "/metrics?x=1")) {
            ConfigException e = assertThrows(ConfigException.class, () -> layout("-e", "METRICS_PATH=" + path), path);
            assertTrue(e.getMessage().contains("METRICS_PATH"), e.getMessage());
        }
    }

    @Test
    void disabledMetricsLeaveNoMetricsUrlAndCannotBeScraped() throws Exception {
        assertNull(layout("-e", "METRICS_ENABLED=false").metricsUrl("http://127.0.0.1:4100"));
        UpOptions.UsageError e = assertThrows(UpOptions.UsageError.class,
                () -> layout("-e", "METRICS_ENABLED=false", "--with-prometheus"));
        assertTrue(e.getMessage().contains("METRICS_ENABLED"), e.getMessage());
    }

    @Test
    void withoutWithChainThereIsNoChainAndItsPortOptionsAreUsageErrors() throws Exception {
        assertNull(layout().chain());
        for (String option : List.of("--chain-port", "--facilitator-port")) {
            UpOptions.UsageError e = assertThrows(UpOptions.UsageError.class, () -> layout(option, "4500"), option);
            assertTrue(e.getMessage().contains("--with-chain"), e.getMessage());
        }
    }

    @Test
    void withChainTheNodeAndTheFacilitatorGetFreePortsApartFromTheOtherServices() throws Exception {
        StackLayout layout = layout("--with-chain", "--with-redis", "--gateway-port", "4100", "--verifier-port", "4200",
                "--chain-wallets", "5");
        StackLayout.Chain chain = layout.chain();
        List<Integer> ports = List.of(4100, 4200, layout.redisPort(), chain.nodePort(), chain.facilitatorPort());
        assertEquals(5, ports.stream().distinct().count(), ports.toString());
        assertEquals(5, chain.wallets());
    }

    @Test
    void chosenChainPortsAreKeptAndAClashWithAnotherServiceIsAUsageError() throws Exception {
        StackLayout.Chain chain = layout("--with-chain", "--chain-port", "4500", "--facilitator-port", "4501").chain();
        assertEquals(4500, chain.nodePort());
        assertEquals(4501, chain.facilitatorPort());
        UpOptions.UsageError e = assertThrows(UpOptions.UsageError.class,
                () -> layout("--with-chain", "--gateway-port", "4100", "--facilitator-port", "4100"));
        assertTrue(e.getMessage().contains("facilitator") && e.getMessage().contains("4100"), e.getMessage());
        assertThrows(UpOptions.UsageError.class, () -> layout("--with-chain", "--chain-wallets", "0"));
    }
}
