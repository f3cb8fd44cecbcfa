package io.microai.gateway.payment.facilitator;

import io.microai.shared.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The facilitator this gateway settles with, and whether it can be used. At start {@code GET /supported}
 * must list every (x402 version, {@code exact}, network) this gateway offers: a facilitator that answers
 * without them stops the start with one line. One that does not answer yet does not: the gateway starts,
 * paid x402 requests get 503 and {@code /readyz} says {@code starting} until a background probe gets the
 * list. Afterwards the probe keeps running, so {@code /readyz} and {@code gateway_facilitator_up} notice an
 * outage even without traffic; requests never wait for it, they call the facilitator themselves.
 */
public final class Facilitator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Facilitator.class.getName());

    /** One kind this gateway needs the facilitator to settle. */
    public record Need(int x402Version, String scheme, String network) {
        @Override
        public String toString() {
            return "v" + x402Version + " " + scheme + " " + network;
        }
    }

    private enum State { STARTING, READY, UNSUPPORTED }

    private final FacilitatorClient client;
    private final List<Need> needs;
    private final Duration retryInterval;
    private final Duration probeInterval;
    private final ScheduledExecutorService probes;
    private volatile State state = State.STARTING;

    private Facilitator(FacilitatorClient client, List<Need> needs, Duration retryInterval, Duration probeInterval) {
        this.client = client;
        this.needs = List.copyOf(needs);
        this.retryInterval = retryInterval;
        this.probeInterval = probeInterval;
        this.probes = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "facilitator-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Checks {@code /supported} once and starts the background probe.
     *
     * @throws ConfigException when the facilitator answers and does not support what this gateway offers
     */
    public static Facilitator start(FacilitatorClient client, List<Need> needs, Duration retryInterval, Duration probeInterval) {
        Facilitator facilitator = new Facilitator(client, needs, retryInterval, probeInterval);
        Optional<String> missing;
        try {
            missing = facilitator.missing(client.supported());
        } catch (FacilitatorUnavailableException e) {
            LOG.warning("the facilitator at " + client.settings().url() + " does not answer yet (" + e.getMessage()
                    + "): x402 payments get 503 until it does; retrying every " + retryInterval.toMillis() + " ms");
            facilitator.schedule(retryInterval);
            return facilitator;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the facilitator", e);
        }
        if (missing.isPresent()) {
            facilitator.close();
            throw new ConfigException(missing.get());
        }
        facilitator.state = State.READY;
        LOG.info("x402 payments are settled by the facilitator at " + client.settings().url());
        facilitator.schedule(probeInterval);
        return facilitator;
    }

    public FacilitatorClient client() {
        return client;
    }

    /** Why paid requests cannot use the facilitator yet, when they cannot. */
    public Optional<String> notReady() {
        return switch (state) {
            case READY -> Optional.empty();
            case STARTING -> Optional.of("the facilitator has not answered GET /supported yet");
            case UNSUPPORTED -> Optional.of("the facilitator does not support this gateway's payment network");
        };
    }

    /** {@code /readyz}'s {@code checks.facilitator}: {@code ok}, {@code unreachable}, {@code starting} or {@code unsupported}. */
    public String readiness() {
        return switch (state) {
            case READY -> client.reachable() ? "ok" : "unreachable";
            case STARTING -> "starting";
            case UNSUPPORTED -> "unsupported";
        };
    }

    private void schedule(Duration delay) {
        if (!probes.isShutdown()) {
            probes.schedule(this::probe, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        try {
            Optional<String> missing = missing(client.supported());
            State before = state;
            if (missing.isPresent()) {
                state = State.UNSUPPORTED;
                if (before != State.UNSUPPORTED) {
                    LOG.severe(missing.get() + "; x402 payments get 503 until it does");
                }
            } else {
                state = State.READY;
                if (before != State.READY) {
                    LOG.info("the facilitator at " + client.settings().url() + " answers: x402 payments are settled from now on");
                }
            }
        } catch (FacilitatorUnavailableException e) {
            LOG.fine(() -> "facilitator probe failed: " + e.getMessage());
        } catch (InterruptedException e) {
            return; // closing
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "facilitator probe failed", e);
        }
        schedule(state == State.READY && client.reachable() ? probeInterval : retryInterval);
    }

    /** A one-line error naming what the facilitator lacks, when it lacks anything. */
    Optional<String> missing(SupportedKinds supported) {
        List<Need> lacking = needs.stream().filter(n -> !supported.covers(n.x402Version(), n.scheme(), n.network())).toList();
        if (lacking.isEmpty()) {
            return Optional.empty();
        }
        String offered = supported.kinds().isEmpty() ? "nothing"
                : supported.kinds().stream().limit(10).map(Object::toString).collect(Collectors.joining(", "));
        return Optional.of("FACILITATOR_URL " + client.settings().url() + " does not support "
                + lacking.stream().map(Object::toString).collect(Collectors.joining(", ")) + " (it supports " + offered + ")");
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }

    @Override
    public String toString() {
        return "Facilitator[" + Objects.toString(client.settings().url()) + ", " + state + "]";
    }
}
