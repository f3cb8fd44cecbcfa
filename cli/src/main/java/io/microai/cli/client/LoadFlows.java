package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.http.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one flow of a load: chooses its protocol, text, tampering, wallet and gateways, sends it, and records
 * every answer in the statistics and the timeline. A transport error is counted, never thrown: one flow must not end
 * the run. Thread-safe.
 */
final class LoadFlows {
    /** Too Many Requests: the gateway's rate limiter refused the request and names the tier in its body. */
    static final int TOO_MANY_REQUESTS = 429;

    private final List<X402Client> clients;
    private final List<Wallet> wallets;
    private final List<PaymentProtocol> protocols;
    private final TrafficMix mix;
    private final boolean spread;
    private final boolean unpaid;
    private final LoadStats stats;
    private final Timeline timeline;

    /**
     * @param protocols flows take them in turn; the turn advances once per round over the gateways, so every gateway
     *                  of a fleet sees every protocol
     */
    LoadFlows(List<X402Client> clients, List<Wallet> wallets, List<PaymentProtocol> protocols, TrafficMix mix, boolean spread,
              boolean unpaid, LoadStats stats, Timeline timeline) {
        this.clients = clients;
        this.wallets = wallets;
        this.protocols = protocols;
        this.mix = mix;
        this.spread = spread;
        this.unpaid = unpaid;
        this.stats = stats;
        this.timeline = timeline;
    }

    /** Flow {@code i}, whose latency counts from {@code startNanos} (its planned start in an open loop). */
    void run(long i, long startNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String text = mix.text(i, random);
        Tamper tamper = mix.tamper(random);
        // Round-robin over the fleet; with --spread the paid retry goes to the next gateway.
        int first = (int) (i % clients.size());
        int second = spread ? (first + 1) % clients.size() : first;
        X402Client client = clients.get(first);
        PaymentProtocol protocol = protocols.get((int) (i / clients.size() % protocols.size()));
        try {
            X402Client.Flow flow = unpaid ? client.challengeOnly(text)
                    : client.summarize(protocol, text, wallets.get((int) (i % wallets.size())), false, tamper, clients.get(second));
            for (int k = 0; k < flow.steps().size(); k++) {
                HttpResponse<String> response = flow.steps().get(k).response();
                int status = response.statusCode();
                if (unpaid) {
                    stats.request(status);
                } else {
                    stats.request(protocol.configName(), k > 0, status);
                }
                timeline.add(k == 0 ? first : second, k == 0 ? "challenge" : "paid", Integer.toString(status));
                if (status == TOO_MANY_REQUESTS) {
                    stats.rateLimited(tier(response));
                }
            }
            flow.unpayable().ifPresent(stats::unpayable);
            flow.paidRetry().ifPresent(paid -> {
                stats.paidDone(paid.nanos());
                paid.response().headers().firstValue(X402Client.CACHE_HEADER).ifPresent(stats::cache);
            });
            stats.flowDone(System.nanoTime() - startNanos);
        } catch (Exception e) {
            stats.transportError();
            timeline.add(first, "flow", "error");
        }
    }

    private static String tier(HttpResponse<String> response) {
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            return body.path("tier").asText("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}
