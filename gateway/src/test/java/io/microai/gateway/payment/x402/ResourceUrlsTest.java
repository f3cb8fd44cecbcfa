package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceUrlsTest {

    @Test
    void withABaseUrlTheRequestOriginIsNeverConsulted() {
        ResourceUrls urls = new ResourceUrls(Optional.of(URI.create("https://pay.example.com/gw")));
        assertTrue(urls.fixed());
        assertEquals("https://pay.example.com/gw/api/ai/summarize?lang=en",
                urls.forRequest("/api/ai/summarize", "lang=en", () -> {
                    throw new AssertionError("the request's Host must not be read");
                }));
    }

    @Test
    void withoutABaseUrlTheRequestOriginIsUsed() {
        ResourceUrls urls = new ResourceUrls(Optional.empty());
        assertFalse(urls.fixed());
        assertEquals("http://localhost:8080/api/ai/summarize", urls.forRequest("/api/ai/summarize", "", () -> "http://localhost:8080"));
        assertEquals("http://h/p", urls.forRequest("p", null, () -> "http://h"));
    }

    @Test
    void baseUrlFromSettingsJoinsWithoutADoubleSlash() {
        X402Settings settings = Payments.settings("PUBLIC_BASE_URL", "https://pay.example.com/");
        assertEquals("https://pay.example.com/api/ai/summarize",
                new ResourceUrls(settings.publicBaseUrl()).forRequest("/api/ai/summarize", null, () -> "http://ignored"));
    }
}
