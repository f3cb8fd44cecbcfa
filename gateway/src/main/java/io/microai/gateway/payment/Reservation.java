package io.microai.gateway.payment;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A payment made single-use for one request, which that request can still give back: the nonce or the
 * authorization is held from verification on, and released when the answer it paid for is never delivered (the
 * provider failed, or the client left before its answer was ready), so the payer can retry the same payment.
 */
public final class Reservation {
    private static final Logger LOG = Logger.getLogger(Reservation.class.getName());
    private static final AttachmentKey<Reservation> KEY = AttachmentKey.create(Reservation.class);

    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    private Reservation(Runnable release) {
        this.release = release;
    }

    /** Records that the exchange holds a payment, given back by {@code release}. */
    static void hold(HttpServerExchange exchange, Runnable release) {
        exchange.putAttachment(KEY, new Reservation(release));
    }

    /** Gives the exchange's payment back, once; a no-op for an exchange that holds none. Runs on a worker thread. */
    public static void release(HttpServerExchange exchange) {
        Reservation held = exchange.getAttachment(KEY);
        if (held != null && held.released.compareAndSet(false, true)) {
            try {
                held.release.run();
            } catch (RuntimeException e) {
                // The payment stays spent, as it would have without a reservation; nothing is served twice.
                LOG.log(Level.INFO, "a payment could not be released", e);
            }
        }
    }
}
