package io.microai.cli.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prometheus.yml document. Targets are either listed inline or, when {@code fileSdDir} is set,
 * read from one file_sd JSON file per job, so adding a gateway instance means rewriting a target file
 * (which Prometheus watches) rather than editing and reloading the config.
 */
record PrometheusConfig(PromDuration interval, String metricsPath, String rulesFile, String fileSdDir,
                        List<ScrapeJob> jobs) {

    Map<String, Object> document() {
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("scrape_interval", interval.text());
        // Rules are evaluated as often as series arrive: more often adds nothing, less often delays alerts.
        global.put("evaluation_interval", interval.text());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("global", global);
        if (rulesFile != null) {
            doc.put("rule_files", List.of(rulesFile));
        }
        List<Object> scrapeConfigs = new ArrayList<>();
        for (ScrapeJob job : jobs) {
            scrapeConfigs.add(scrapeConfig(job));
        }
        doc.put("scrape_configs", scrapeConfigs);
        return doc;
    }

    private Map<String, Object> scrapeConfig(ScrapeJob job) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("job_name", job.name());
        config.put("metrics_path", metricsPath);
        if (fileSdDir == null) {
            config.put("static_configs", List.of(Map.of("targets", targetStrings(job))));
        } else {
            String dir = fileSdDir.endsWith("/") ? fileSdDir : fileSdDir + "/";
            config.put("file_sd_configs", List.of(Map.of("files", List.of(dir + job.fileSdName()))));
        }
        return config;
    }

    /** The file_sd JSON document for one job: a list of target groups. */
    static List<Object> fileSdDocument(ScrapeJob job) {
        return List.of(Map.of("targets", targetStrings(job)));
    }

    private static List<String> targetStrings(ScrapeJob job) {
        return job.targets().stream().map(HostPort::toString).toList();
    }
}
