package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.SettlementLabels;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Money, as a paygate operator reads it: whether payments are settled at all, the revenue they bring, how
 * many settlements succeed and how long the facilitator takes.
 *
 * @param mode                    {@code facilitator}, {@code none} (verified only, nothing settled), {@code mixed}
 *                                (gateways disagree) or null (no gateway exports it)
 * @param revenuePerMinute        settled amount per minute in token units: {@code rate(gateway_settled_amount_total) * 60 / 10^decimals}
 * @param asset                   the token contract, from {@code gateway_payment_asset_info}
 * @param decimals                the token's decimals, null when no gateway names the token
 * @param settledPerSecond        settlements that moved funds, per second
 * @param successRatio            settled / all settlements (settled, failed, unavailable); null without any in the window
 * @param facilitatorP99Seconds   p99 of every facilitator call (verify and settle, all outcomes)
 * @param facilitatorUp           gateways whose facilitator answered its last call, out of those that have one
 */
@JsonPropertyOrder({"mode", "revenue_per_minute", "asset", "network", "decimals", "settled_per_second", "success_ratio",
        "facilitator_p99_seconds", "facilitator_up", "facilitator_total"})
public record SettlementFigures(
        @JsonProperty("mode") String mode,
        @JsonProperty("revenue_per_minute") Double revenuePerMinute,
        @JsonProperty("asset") String asset,
        @JsonProperty("network") String network,
        @JsonProperty("decimals") Integer decimals,
        @JsonProperty("settled_per_second") Double settledPerSecond,
        @JsonProperty("success_ratio") Double successRatio,
        @JsonProperty("facilitator_p99_seconds") Double facilitatorP99Seconds,
        @JsonProperty("facilitator_up") Integer facilitatorUp,
        @JsonProperty("facilitator_total") Integer facilitatorTotal) {

    public static final String MIXED = "mixed";
    public static final SettlementFigures UNKNOWN = new SettlementFigures(null, null, null, null, null, null, null, null, null, null);

    static final Selector MODE = Selector.of(GatewayFamilies.SETTLEMENT_MODE);
    static final Selector ASSET = Selector.of(GatewayFamilies.PAYMENT_ASSET_INFO);
    static final Selector AMOUNT = Selector.of(GatewayFamilies.SETTLED_AMOUNT);
    static final Selector SETTLEMENTS = Selector.of(GatewayFamilies.SETTLEMENTS);
    static final Selector FACILITATOR_BUCKETS = Selector.of(GatewayFamilies.FACILITATOR_REQUEST_DURATION + "_bucket");
    static final Selector FACILITATOR_UP = Selector.of(GatewayFamilies.FACILITATOR_UP);

    /**
     * @param spans  rate windows of the gateways that have one
     * @param latest latest scrapes of the gateways that are up (mode, token and facilitator state)
     */
    static SettlementFigures compute(Collection<Span> spans, Collection<Scrape> latest) {
        String mode = null;
        for (Scrape scrape : latest) {
            String own = null;
            for (Map.Entry<Labels, Double> e : Series.sumBy(MODE.select(scrape), "mode").entrySet()) {
                if (e.getValue() == 1) {
                    own = e.getKey().get("mode");
                }
            }
            if (own != null) {
                mode = mode == null || mode.equals(own) ? own : MIXED;
            }
        }
        String asset = null;
        String network = null;
        Integer decimals = null;
        for (Scrape scrape : latest) {
            for (Sample s : ASSET.select(scrape)) {
                if (asset == null && s.value() == 1) {
                    asset = s.labels().get("asset");
                    network = s.labels().get("network");
                    decimals = parseDecimals(s.labels().get("decimals"));
                }
            }
        }
        Double revenue = null;
        double amountRate = spans.isEmpty() ? Double.NaN : Rates.rate(spans, AMOUNT);
        if (decimals != null && !Double.isNaN(amountRate)) {
            revenue = Figures.num(amountRate * 60 / BigDecimal.TEN.pow(decimals).doubleValue());
        }
        Map<Labels, Double> byOutcome = spans.isEmpty() ? Map.of() : Rates.rateBy(spans, SETTLEMENTS, "outcome");
        double all = Series.sum(byOutcome);
        double settled = byOutcome.getOrDefault(Labels.of("outcome", SettlementLabels.SETTLED), Double.isNaN(all) ? Double.NaN : 0.0);
        Map<Labels, Double> buckets = spans.isEmpty() ? Map.of() : Rates.rateBy(spans, FACILITATOR_BUCKETS, "le");
        Double p99 = buckets.isEmpty() ? null : Latency.of(HistogramQuantile.buckets(buckets)).p99();
        int up = 0;
        int total = 0;
        for (Scrape scrape : latest) {
            double v = Series.sum(FACILITATOR_UP.select(scrape));
            if (!Double.isNaN(v)) {
                total++;
                up += v >= 1 ? 1 : 0;
            }
        }
        return new SettlementFigures(mode, revenue, asset, network, decimals, Figures.num(settled), Figures.ratio(settled, all),
                p99, total == 0 ? null : up, total == 0 ? null : total);
    }

    private static Integer parseDecimals(String text) {
        try {
            int d = Integer.parseInt(text);
            return d >= 0 && d <= 36 ? d : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
