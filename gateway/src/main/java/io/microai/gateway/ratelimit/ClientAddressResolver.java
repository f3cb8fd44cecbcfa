package io.microai.gateway.ratelimit;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Works out the client IP used as the rate-limit key.
 *
 * <p>{@code X-Forwarded-For} is only believed when the TCP peer is a trusted proxy, and then it is read
 * right to left: each trusted proxy appends the address it received the request from, so the first
 * untrusted entry from the right is the real client, and everything to its left is client-supplied and
 * may be forged. An entry that is not an IP address ends the walk, since no real proxy writes one; the
 * last address verified so far is used instead. Addresses are returned in canonical form so that, say,
 * {@code ::1} and {@code 0:0:0:0:0:0:0:1} share one bucket.
 */
public final class ClientAddressResolver {

    private final TrustedProxies trusted;

    public ClientAddressResolver(TrustedProxies trusted) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    /**
     * The client of an exchange: its TCP peer, and every {@code X-Forwarded-For} line joined in order. A proxy
     * that appends a line of its own rather than extending the client's must not leave the client's line to be
     * read as the nearest hop.
     */
    public String resolve(HttpServerExchange exchange) {
        HeaderValues lines = exchange.getRequestHeaders().get(Headers.X_FORWARDED_FOR);
        return resolve(exchange.getSourceAddress().getAddress().getHostAddress(),
                lines == null || lines.isEmpty() ? null : String.join(",", lines));
    }

    /**
     * @param peerAddress    the socket peer IP (as from {@code InetSocketAddress.getHostString()})
     * @param xForwardedFor  the raw header value, possibly null; several header lines should be joined with ","
     * @return the client IP; the peer text unchanged if the peer itself is not a parseable IP
     */
    public String resolve(String peerAddress, String xForwardedFor) {
        Optional<InetAddress> peer = IpLiteral.parse(peerAddress);
        if (peer.isEmpty()) {
            return peerAddress == null ? "" : peerAddress.strip();
        }
        InetAddress current = peer.get();
        if (xForwardedFor == null || xForwardedFor.isBlank() || !trusted.isTrusted(current)) {
            return current.getHostAddress();
        }
        String[] hops = xForwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            if (!trusted.isTrusted(current)) {
                break; // current came from an untrusted hop: it is the client
            }
            Optional<InetAddress> hop = IpLiteral.parse(hops[i]);
            if (hop.isEmpty()) {
                break;
            }
            current = hop.get();
        }
        return current.getHostAddress();
    }
}
