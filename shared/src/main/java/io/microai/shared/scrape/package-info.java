/**
 * The metrics-reading engine behind {@code microai metrics top}, {@code microai load} and the web
 * dashboard: it scrapes {@code /metrics} endpoints itself (no Prometheus server needed), keeps a
 * short history per target and computes the PromQL-style figures the operators look at.
 *
 * <ul>
 *   <li>{@link io.microai.shared.scrape.TextFormatParser} — text exposition 0.0.4 to {@link io.microai.shared.scrape.Sample}s.</li>
 *   <li>{@link io.microai.shared.scrape.Scraper} — concurrent HTTP scrapes, never throws for network errors.</li>
 *   <li>{@link io.microai.shared.scrape.History} / {@link io.microai.shared.scrape.Window} — bounded ring buffers per target.</li>
 *   <li>{@link io.microai.shared.scrape.Selector}, {@link io.microai.shared.scrape.Series},
 *       {@link io.microai.shared.scrape.Rates}, {@link io.microai.shared.scrape.HistogramQuantile} — the PromQL subset.</li>
 *   <li>{@link io.microai.shared.scrape.StackFigures} — the gateway/verifier figures and their JSON shape.</li>
 * </ul>
 */
package io.microai.shared.scrape;
