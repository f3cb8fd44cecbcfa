package io.microai.gateway.stream;

import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;

/**
 * Notices a client leaving while its stream waits for the provider, not only at the stream's next write: one close
 * listener per connection (a connection cannot drop its listeners, so they must not pile up across the requests
 * of a kept-alive connection), pointing at the feed of the request the connection is serving.
 */
final class ClientWatch implements ServerConnection.CloseListener {
    private static final AttachmentKey<ClientWatch> KEY = AttachmentKey.create(ClientWatch.class);

    private volatile ChunkFeed current;

    /** Watches {@code feed} until {@link #release}: it is stopped if the connection closes meanwhile. */
    static ClientWatch watch(ServerConnection connection, ChunkFeed feed) {
        ClientWatch watch = connection.getAttachment(KEY);
        if (watch == null) {
            watch = new ClientWatch();
            connection.putAttachment(KEY, watch);
            connection.addCloseListener(watch);
        }
        watch.current = feed;
        if (!connection.isOpen()) {
            feed.stop();
        }
        return watch;
    }

    void release() {
        current = null;
    }

    @Override
    public void closed(ServerConnection connection) {
        ChunkFeed feed = current;
        if (feed != null) {
            feed.stop();
        }
    }
}
