package io.microai.shared.scrape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A consistent view over several targets at one instant: for each target, the latest scrape and the
 * one about {@link #requested()} earlier. Everything {@link StackFigures} needs, and nothing mutable.
 */
public record Window(Duration requested, long atNanos, long atEpochMillis, Map<String, TargetState> targets) {
    public Window {
        // Keep the caller's order (first-seen targets) for views that iterate; Map.copyOf would not.
        targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
    }

    /** The state of a target; a target never scraped is a state with everything null (down). */
    public TargetState state(String target) {
        TargetState s = targets.get(target);
        return s != null ? s : new TargetState(target, null, null, null, null, null);
    }

    /** Rate spans of those targets that have one. */
    public List<Span> spans(Collection<String> ofTargets) {
        List<Span> out = new ArrayList<>();
        for (String t : ofTargets) {
            Span s = state(t).span();
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Latest successful scrapes of those targets that are up (for gauges). */
    public List<Scrape> latest(Collection<String> ofTargets) {
        List<Scrape> out = new ArrayList<>();
        for (String t : ofTargets) {
            Scrape s = state(t).later();
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
