package io.microai.cli.gen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "alert-rules", mixinStandardHelpOptions = true,
        description = {"Print Prometheus recording and alerting rules (rules.yml).",
                "Records RED per route, cache and verification ratios and burn-rate windows; alerts on",
                "error-budget burn (99.9% SLO), p99 latency, a target down, a verification drop, a cache",
                "collapse and a rate-limit surge."})
final class AlertRulesCommand implements Callable<Integer> {
    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws Exception {
        output.write(YamlText.render(AlertRules.document()));
        return 0;
    }
}
