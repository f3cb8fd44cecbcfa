package io.microai.shared.scrape;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.api.PaymentLabels;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paid attempts of one payment protocol, from {@code gateway_payments_total{protocol, outcome}}:
 * how many per second, and what share passed every check. Refusals (the client's payment was wrong)
 * and unavailability (the gateway could not check it) are kept apart, since they call for different
 * people.
 */
@JsonPropertyOrder({"per_second", "verified_ratio", "refused_per_second", "unavailable_per_second"})
public record PaymentFigures(
        @JsonProperty("per_second") Double perSecond,
        @JsonProperty("verified_ratio") Double verifiedRatio,
        @JsonProperty("refused_per_second") Double refusedPerSecond,
        @JsonProperty("unavailable_per_second") Double unavailablePerSecond) {

    /** The {@code protocol} values the gateway counts, in the order every view lists them. */
    public static final List<String> PROTOCOLS = PaymentLabels.PROTOCOLS;
    public static final String VERIFIED = PaymentLabels.VERIFIED;
    public static final String REFUSED = PaymentLabels.REFUSED;
    public static final String UNAVAILABLE = PaymentLabels.UNAVAILABLE;

    static final Selector PAYMENTS = Selector.of(GatewayFamilies.PAYMENTS);
    static final PaymentFigures UNKNOWN = new PaymentFigures(null, null, null, null);

    /**
     * One entry per protocol of {@link #PROTOCOLS}, in that order. Other {@code protocol} values are
     * left out: the set is closed, and a value outside it (a newer gateway, or the metrics layer's
     * overflow child) has no row to go to. A protocol's total is every outcome it has, as
     * {@code sum by (protocol)} would count it; its verified share is null while it has no payments.
     */
    static Map<String, PaymentFigures> byProtocol(Collection<Span> spans) {
        Map<String, PaymentFigures> out = new LinkedHashMap<>();
        if (spans.isEmpty()) {
            PROTOCOLS.forEach(p -> out.put(p, UNKNOWN));
            return Collections.unmodifiableMap(out);
        }
        Map<Labels, Double> rates = Rates.rateBy(spans, PAYMENTS, "protocol", "outcome");
        for (String protocol : PROTOCOLS) {
            double all = 0;
            double verified = 0;
            double refused = 0;
            double unavailable = 0;
            for (Map.Entry<Labels, Double> e : rates.entrySet()) {
                if (!protocol.equals(e.getKey().get("protocol"))) {
                    continue;
                }
                double r = e.getValue();
                all += r;
                String outcome = e.getKey().get("outcome");
                if (VERIFIED.equals(outcome)) {
                    verified += r;
                } else if (REFUSED.equals(outcome)) {
                    refused += r;
                } else if (UNAVAILABLE.equals(outcome)) {
                    unavailable += r;
                }
            }
            out.put(protocol, new PaymentFigures(Figures.num(all), Figures.ratio(verified, all),
                    Figures.num(refused), Figures.num(unavailable)));
        }
        return Collections.unmodifiableMap(out);
    }
}
