package io.microai.cli.top;

import java.time.Duration;

/**
 * When a figure changes colour: p99 latency above {@code p99WarnSeconds} is red, a success ratio
 * below {@code successWarnRatio} is yellow, a 5xx ratio above {@code error5xxWarnRatio} is red.
 */
record Thresholds(double p99WarnSeconds, double successWarnRatio, double error5xxWarnRatio) {
    static final Thresholds DEFAULTS = new Thresholds(0.250, 0.99, 0.01);

    static Thresholds of(Duration p99Warn, double successWarnPercent, double error5xxWarnPercent) {
        return new Thresholds(p99Warn.toNanos() / 1e9, successWarnPercent / 100.0, error5xxWarnPercent / 100.0);
    }

    boolean p99Bad(Double seconds) {
        return seconds != null && seconds > p99WarnSeconds;
    }

    boolean successBad(Double ratio) {
        return ratio != null && ratio < successWarnRatio;
    }

    boolean error5xxBad(Double ratio) {
        return ratio != null && ratio > error5xxWarnRatio;
    }
}
