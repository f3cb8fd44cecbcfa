package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromqlNamesTest {
    @Test
    void findsSeriesNamesButNotFunctionsLabelsStringsOrRanges() {
        assertEquals(Set.of("gateway_request_duration_seconds_bucket"), PromqlNames.of(
                "histogram_quantile(0.99, sum by (path, le) (rate(gateway_request_duration_seconds_bucket"
                        + "{path=~\"/api/.+\", le!=\"+Inf\"}[$__rate_interval])))"));
    }

    @Test
    void findsEveryOperandOfBinaryAndSetOperators() {
        assertEquals(Set.of("a_total", "b_total", "job:c:ratio_rate5m", "up"), PromqlNames.of(
                "(sum(rate(a_total[5m])) or sum(rate(b_total[5m])) * 0) / on (job) job:c:ratio_rate5m"
                        + " and up{job=~\"microai-.*\"} == 0 unless 1e3 > bool 2"));
    }

    @Test
    void aBareGroupModifierIsNoSeriesName() {
        assertEquals(Set.of("a_total"), PromqlNames.of(
                "sum by (job, outcome) (rate(a_total[5m])) / ignoring (outcome) group_left sum by (job) (rate(a_total[5m]))"));
    }
}
