package io.microai.gateway.stream;

import static io.microai.shared.testing.Exposition.value;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayFixture;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.testing.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** A real gateway and verifier with a {@link PacedProvider}, and the stream route's client side. */
final class StreamStack implements AutoCloseable {
    static final String STREAM = GatewayApi.SUMMARIZE_STREAM_PATH;
    final GatewayFixture fixture;
    final PacedProvider provider;

    StreamStack(PacedProvider provider, String... env) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            settings.put(env[i], env[i + 1]);
        }
        this.provider = provider;
        this.fixture = new GatewayFixture(settings, provider);
    }

    int port() {
        return fixture.gateway.port();
    }

    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.post(fixture.base + path, body, all);
    }

    /** Upstream's payment headers for {@code body} on the stream route: its own 402, signed by the test payer. */
    String[] legacyPayment(String body) throws IOException, InterruptedException {
        HttpResponse<String> challenge = post(STREAM, body);
        if (challenge.statusCode() != 402) {
            throw new AssertionError("expected 402, got " + challenge.statusCode() + ": " + challenge.body());
        }
        JsonNode context = GatewayFixture.JSON.readTree(challenge.body()).get("paymentContext");
        return new String[] {"X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                "X-402-Nonce", context.get("nonce").asText()};
    }

    SseClient stream(String body, String... headers) throws IOException {
        return SseClient.post(port(), STREAM, body, headers);
    }

    String scrape() throws IOException, InterruptedException {
        return fixture.scrape();
    }

    /** Scrapes until {@code series} satisfies {@code until} (the gateway counts on its own threads), or fails. */
    String scrapeUntil(String series, Predicate<Double> until) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            String text = scrape();
            if (until.test(value(text, series))) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(series + " never reached the expected value: " + value(text, series));
            }
            Thread.sleep(20);
        }
    }

    static String streams(String outcome) {
        return "gateway_streams_total{outcome=\"" + outcome + "\",path=\"" + STREAM + "\"}";
    }

    static String series(String family) {
        return family + "{path=\"" + STREAM + "\"}";
    }

    @Override
    public void close() {
        fixture.close();
    }
}
