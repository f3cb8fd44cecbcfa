package io.microai.gateway.ai;

import java.time.Duration;

/** Which provider to call and how: {@code provider} is {@code embedded} or an OpenAI-compatible chat-completions endpoint. */
public record AiSettings(String provider, String baseUrl, String apiKey, String model, Duration timeout,
                         Duration embeddedLatency, int maxResponseBytes) {
    public boolean embedded() {
        return "embedded".equals(provider);
    }
}
