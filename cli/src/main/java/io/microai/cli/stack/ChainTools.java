package io.microai.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the local payment network's programs are: the repository's {@code chain/} directory (its Node
 * scripts, and the anvil binary its pinned npm package installed) and {@code node} on PATH. Found next to
 * the microai jar, or named by {@code $MICROAI_CHAIN_DIR}; missing pieces fail the plan with the command
 * that installs them, before anything starts.
 */
record ChainTools(Path dir, Path node, Path anvil) {
    static final String DIR_ENV = "MICROAI_CHAIN_DIR";

    static ChainTools locate(String configuredDir) {
        Path dir = configuredDir != null && !configuredDir.isBlank() ? Path.of(configuredDir.trim()).toAbsolutePath().normalize()
                : besideJar().orElseThrow(() -> new IllegalStateException("--with-chain needs the repository's chain/ directory,"
                        + " which is not beside " + Processes.thisJar() + "; set " + DIR_ENV + " to it"));
        if (!Files.isRegularFile(dir.resolve("deploy.mjs")) || !Files.isRegularFile(dir.resolve("facilitator.mjs"))) {
            throw new IllegalStateException(dir + " is not the repository's chain/ directory (no deploy.mjs, facilitator.mjs)");
        }
        Path node = Processes.onPath("node").orElseThrow(() -> new IllegalStateException(
                "--with-chain needs 'node' (Node.js 20) on PATH; install the Debian packages nodejs and npm"));
        Path anvil = dir.resolve("node_modules/@foundry-rs/anvil-" + platform() + "/bin/anvil");
        if (!Files.isExecutable(anvil)) {
            throw new IllegalStateException("--with-chain needs the chain's npm packages (anvil, the x402 facilitator);"
                    + " run " + dir.resolve("install") + " (" + anvil + " is missing)");
        }
        return new ChainTools(dir, node, anvil);
    }

    Path script(String name) {
        return dir.resolve(name);
    }

    /** The directory above the jar (cli/target/microai.jar) that holds chain/. */
    private static Optional<Path> besideJar() {
        for (Path p = Processes.thisJar().getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("chain/package.json"))) {
                return Optional.of(p.resolve("chain"));
            }
        }
        return Optional.empty();
    }

    /** The suffix of @foundry-rs/anvil's platform package: linux-amd64, darwin-arm64, ... */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String a = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return o + "-" + a;
    }
}
