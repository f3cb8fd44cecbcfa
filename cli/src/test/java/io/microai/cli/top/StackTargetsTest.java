package io.microai.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.cli.stack.StackFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics top} finds its default targets in the stack's state, as the stack commands record it. */
class StackTargetsTest {
    @TempDir
    Path dir;

    @Test
    void theStateDirectoryIsChosenAsTheStackCommandsChooseIt() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(here.resolve(StackFiles.DEFAULT_DIR), StackTargets.stateDir(null, null));
        assertEquals(here.resolve(StackFiles.DEFAULT_DIR), StackTargets.stateDir(null, "  "));
        assertEquals(dir, StackTargets.stateDir(null, " " + dir + " "));
        assertEquals(here.resolve("chosen"), StackTargets.stateDir(Path.of("chosen"), dir.toString()));
        assertEquals(StackFiles.locate(null, dir.toString()).dir(), StackTargets.stateDir(null, dir.toString()));
    }

    @Test
    void aFleetsGatewaysComeFirstByRoleAndProcessesWithoutMetricsAreSkipped() throws Exception {
        Files.writeString(dir.resolve(StackFiles.STATE_FILE), """
                {"version":1,"mode":"detached","services":[
                 {"name":"redis","pid":1,"port":4300,"role":"redis"},
                 {"name":"verifier","pid":2,"port":4200,"metrics_url":"http://127.0.0.1:4200/metrics","role":"verifier"},
                 {"name":"gateway-1","pid":3,"port":4100,"metrics_url":"http://127.0.0.1:4100/metrics","role":"gateway"},
                 {"name":"gateway-2","pid":4,"port":4101,"metrics_url":"http://127.0.0.1:4101/metrics","role":"gateway"},
                 {"name":"prometheus","pid":5,"port":4900,"role":"prometheus"}]}
                """);
        assertEquals(List.of(new Target("http://127.0.0.1:4100/metrics", Target.Role.GATEWAY),
                        new Target("http://127.0.0.1:4101/metrics", Target.Role.GATEWAY),
                        new Target("http://127.0.0.1:4200/metrics", Target.Role.VERIFIER)),
                StackTargets.read(dir));
    }

    @Test
    void aStateWithoutRolesIsReadByNameWithoutTheFleetIndex() throws Exception {
        Files.writeString(dir.resolve(StackFiles.STATE_FILE), """
                {"version":1,"services":[{"name":"gateway-3","pid":1,"port":1,"metrics_url":"http://h:1/metrics"}]}
                """);
        assertEquals(List.of(new Target("http://h:1/metrics", Target.Role.GATEWAY)), StackTargets.read(dir));
    }

    @Test
    void withoutAStackItSaysHowToGiveTargets() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StackTargets.read(dir));
        assertTrue(e.getMessage().contains("pass --target URL") && e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void aStackWithoutMetricsEndpointsIsAnErrorNamingItsDirectory() throws Exception {
        Files.writeString(dir.resolve(StackFiles.STATE_FILE), """
                {"version":1,"services":[{"name":"verifier","pid":1,"port":1,"role":"verifier"}]}
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StackTargets.read(dir));
        assertTrue(e.getMessage().contains("metrics disabled?") && e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void anUnreadableStateFileIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve(StackFiles.STATE_FILE), "{not json");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StackTargets.read(dir));
        assertTrue(e.getMessage().contains(dir.resolve(StackFiles.STATE_FILE).toString()), e.getMessage());
    }
}
