package io.microai.cli.client;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.config.Env;
import io.microai.shared.metrics.MetricsConfig;
import io.microai.shared.scrape.ScrapeResult;
import io.microai.shared.scrape.Scraper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads gateways' own counters from their metrics endpoints as the services expose them: at
 * {@code METRICS_PATH}, and with {@code Authorization: Bearer $METRICS_AUTH_TOKEN} when that is set. Both come
 * from this process's environment, read and validated by the services' own rules, so the one environment that
 * configured a stack also tells load where its counters are.
 */
final class GatewayMetrics {
    /**
     * A gateway's exposition is ~100 KB and it is read only before and after a run, so a slow answer is allowed
     * for; a gateway that takes longer is too sick to reconcile against.
     */
    static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(10);

    private final Scraper scraper;
    private final String path;

    GatewayMetrics(MetricsConfig config) {
        this.path = config.path();
        this.scraper = new Scraper(Scraper.Options.defaults()
                .withTimeouts(GatewayHttp.CONNECT_TIMEOUT, SCRAPE_TIMEOUT)
                .withBearerToken(config.authToken().orElse(null)));
    }

    /**
     * @throws io.microai.shared.config.ConfigException for a {@code METRICS_PATH} or {@code METRICS_AUTH_TOKEN}
     *     the services would refuse
     */
    static GatewayMetrics fromEnv(Env env) {
        // The reserved API routes are the services' concern: a gateway refuses a colliding path at start.
        return new GatewayMetrics(MetricsConfig.fromEnv(env, Set.of()));
    }

    String url(String base) {
        return GatewayApi.url(base, path);
    }

    /** Each gateway's counters, read concurrently, in the order of {@code bases}. */
    List<ServerCounters> read(List<String> bases) {
        List<ScrapeResult> results = scraper.scrapeAll(bases.stream().map(this::url).toList());
        List<ServerCounters> out = new ArrayList<>();
        for (int g = 0; g < bases.size(); g++) {
            if (results.get(g) instanceof ScrapeResult.Failure f) {
                throw failed(bases.get(g), f);
            }
            out.add(ServerCounters.of(((ScrapeResult.Success) results.get(g)).scrape()));
        }
        return out;
    }

    private static IllegalStateException failed(String base, ScrapeResult.Failure failure) {
        String error = failure.error();
        if (error.equals("connection refused")) {
            return GatewayHttp.unreachable(base);
        }
        String message = error.startsWith("HTTP ") ? "GET " + failure.target() + " answered " + error.substring("HTTP ".length())
                : "GET " + failure.target() + " failed: " + error;
        if (error.equals("HTTP 401")) {
            message += " (set METRICS_AUTH_TOKEN to the gateway's metrics token)";
        } else if (error.equals("HTTP 404")) {
            message += " (set METRICS_PATH to the gateway's metrics path)";
        }
        return new IllegalStateException(message);
    }
}
