package io.microai.bench;

import io.microai.cli.client.ChallengeSigner;
import io.microai.cli.client.Wallet;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.http.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Pre-signs the requests the paid-path benchmark replays with {@code wrk} ({@code scripts/bench/paid.lua}),
 * so that signing never falls inside the measured window and every payment is sent exactly once:
 * <ul>
 *   <li>{@code x402 N}: N distinct x402 (version 2) authorizations for the gateway's own requirements, learnt
 *       from one 402;</li>
 *   <li>{@code legacy N}: N upstream-format payments, each answering its own 402 challenge (the gateway
 *       issues one nonce per challenge);</li>
 *   <li>{@code verify N} / {@code verify-authorization N}: N bodies of the verifier's {@code POST /verify}
 *       or {@code POST /verify/authorization}, as the gateway would send them for this gateway's terms.</li>
 * </ul>
 * Every paid request carries the same summarize body, so after the first the gateway answers from its cache.
 *
 * <p>Usage: {@code PaidRequests MODE N GATEWAY_URL OUT_FILE}. Output: one request per line, tab-separated:
 * the path, the body, then each header as {@code Name: value} ({@link RequestLine}). A summary goes to stderr.
 */
public final class PaidRequests {
    /** The one text every paid request summarises. */
    static final String TEXT = "The paid path benchmark replays pre-signed payments. Every request asks for the same"
            + " summary, so the gateway serves it from its cache. What is measured is the payment check.";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Concurrent challenge fetches in legacy mode: enough to hide the round trips, few enough for 2 cores. */
    private static final int FETCHERS = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI summarize;
    private final ChallengeSigner signer = new ChallengeSigner(Wallet.random());
    private final String body;

    PaidRequests(String gatewayUrl) throws IOException {
        this.summarize = URI.create(GatewayApi.url(gatewayUrl, GatewayApi.SUMMARIZE_PATH));
        this.body = ChallengeSigner.requestBody(TEXT);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PaidRequests x402|legacy|verify|verify-authorization N GATEWAY_URL OUT_FILE");
            System.exit(2);
        }
        String mode = args[0];
        int n;
        try {
            n = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            System.err.println("PaidRequests: N must be a positive whole number, got '" + args[1] + "'");
            System.exit(2);
        }
        long start = System.nanoTime();
        List<RequestLine> lines;
        try {
            lines = new PaidRequests(args[2]).build(mode, n);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("PaidRequests: cannot reach the gateway at " + args[2] + " (" + e + ")");
            System.exit(1);
            return;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A gateway that does not ask for payment, or does not offer the protocol: its own words say which.
            System.err.println("PaidRequests: " + e.getMessage());
            System.exit(1);
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        write(Path.of(args[3]), lines);
        System.err.printf(Locale.ROOT, "PaidRequests: %d %s requests signed in %.1f s (%.0f/s) -> %s%n",
                n, mode, seconds, n / seconds, args[3]);
    }

    List<RequestLine> build(String mode, int n) throws InterruptedException, IOException {
        switch (mode) {
            case "x402" -> {
                HttpResponse<String> challenge = challenge();
                return parallel(n, i -> paid(signer.paymentHeaders(PaymentProtocol.X402, challenge)));
            }
            case "legacy" -> {
                return parallel(n, i -> paid(signer.paymentHeaders(PaymentProtocol.LEGACY, challengeUnchecked())));
            }
            case "verify" -> {
                HttpResponse<String> challenge = challenge();
                return parallel(n, i -> verifier(VerifierApi.VERIFY_PATH,
                        signer.verifyRequest(challenge, UUID.randomUUID().toString())));
            }
            case "verify-authorization" -> {
                HttpResponse<String> challenge = challenge();
                return parallel(n, i -> verifier(VerifierApi.VERIFY_AUTHORIZATION_PATH, signer.authorizationRequest(challenge)));
            }
            default -> throw new IllegalArgumentException("unknown mode '" + mode
                    + "': one of x402, legacy, verify, verify-authorization");
        }
    }

    private RequestLine paid(Map<String, String> paymentHeaders) {
        List<String> headers = new ArrayList<>();
        headers.add("Content-Type: application/json");
        paymentHeaders.forEach((name, value) -> headers.add(name + ": " + value));
        return new RequestLine(GatewayApi.SUMMARIZE_PATH, body, headers);
    }

    private static RequestLine verifier(String path, Object request) {
        try {
            return new RequestLine(path, Json.MAPPER.writeValueAsString(request), List.of("Content-Type: application/json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One unpaid summarize request; anything but a 402 stops the run, since nothing could be paid. */
    HttpResponse<String> challenge() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(summarize).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 402) {
            throw new IllegalStateException("expected a 402 challenge from " + summarize + ", got "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private HttpResponse<String> challengeUnchecked() {
        try {
            return challenge();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lines 0..n-1 made by {@code make} on a few threads, in order. */
    private static List<RequestLine> parallel(int n, IntFunction<RequestLine> make) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(FETCHERS);
        try {
            int chunk = Math.max(1, (n + FETCHERS - 1) / FETCHERS);
            List<Future<List<RequestLine>>> parts = new ArrayList<>();
            for (int from = 0; from < n; from += chunk) {
                int lo = from;
                int hi = Math.min(n, from + chunk);
                parts.add(pool.submit(() -> {
                    List<RequestLine> part = new ArrayList<>(hi - lo);
                    for (int i = lo; i < hi; i++) {
                        part.add(make.apply(i));
                    }
                    return part;
                }));
            }
            List<RequestLine> all = new ArrayList<>(n);
            for (Future<List<RequestLine>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (ExecutionException e) {
            throw new IllegalStateException("signing failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static void write(Path file, List<RequestLine> lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (RequestLine line : lines) {
                out.write(line.format());
                out.write('\n');
            }
        }
    }
}
