package io.microai.gateway.ai;

import java.net.http.HttpClient;

/** Builds the configured provider: the embedded summariser, or an OpenAI-compatible endpoint. */
public final class AiProviders {
    private AiProviders() {
    }

    public static AiProvider create(AiSettings ai, HttpClient client) {
        if (ai.embedded()) {
            return new EmbeddedSummarizer(EmbeddedSummarizer.DEFAULT_MAX_SENTENCES, EmbeddedSummarizer.DEFAULT_MAX_OUTPUT_CHARS,
                    ai.embeddedLatency());
        }
        return OpenAiCompatibleProvider.builder(ai.model())
                .name(ai.provider())
                .baseUrl(ai.baseUrl())
                .apiKey(ai.apiKey().isEmpty() ? null : ai.apiKey())
                .requestTimeout(ai.timeout())
                .maxResponseBytes(ai.maxResponseBytes())
                .streamIdleTimeout(ai.streamIdleTimeout())
                .httpClient(client)
                .build();
    }
}
