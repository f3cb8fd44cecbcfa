package io.microai.gateway.ai;

import java.time.Duration;

/**
 * Which provider to call and how: {@code provider} is {@code embedded} or an OpenAI-compatible chat-completions
 * endpoint. {@code timeout} bounds a whole call, a stream included; {@code streamIdleTimeout} bounds each wait
 * for a stream's next bytes.
 */
public record AiSettings(String provider, String baseUrl, String apiKey, String model, Duration timeout,
                         Duration embeddedLatency, int maxResponseBytes, Duration streamIdleTimeout) {
    public boolean embedded() {
        return "embedded".equals(provider);
    }
}
