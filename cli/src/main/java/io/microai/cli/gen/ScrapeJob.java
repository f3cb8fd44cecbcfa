package io.microai.cli.gen;

import java.util.List;

/** One Prometheus job: a service name and the instances to scrape. */
record ScrapeJob(String name, List<HostPort> targets) {
    static final String GATEWAY = "microai-gateway";
    static final String VERIFIER = "microai-verifier";

    ScrapeJob {
        targets = List.copyOf(targets);
    }

    /** The file-based service discovery file name for this job. */
    String fileSdName() {
        return name + ".json";
    }
}
