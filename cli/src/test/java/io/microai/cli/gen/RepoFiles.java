package io.microai.cli.gen;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's files whether tests run from the cli module (Maven) or from the root (an IDE). */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("cli")) && Files.isDirectory(dir.resolve("gateway"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }

    static Path scrapeConfigs() {
        return root().resolve("scrape-configs");
    }

    static Path dashboards() {
        return root().resolve("dashboards");
    }
}
