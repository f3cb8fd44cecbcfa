package io.microai.gateway.ai;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Body handler that buffers at most {@code maxBytes} of a 2xx body and fails with
 * {@link ResponseTooLargeException} beyond that, so a misbehaving provider cannot make the gateway
 * buffer an unbounded response. Non-2xx bodies are not read at all: only the status is reported, and
 * cancelling the body stops the transfer early.
 */
final class CappedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private static final byte[] EMPTY = new byte[0];

    private final int maxBytes;

    CappedBodyHandler(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        if (info.statusCode() < 200 || info.statusCode() > 299) {
            return new Capped(0, true);
        }
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            return new Capped(maxBytes, false).failingImmediately();
        }
        return new Capped(maxBytes, false);
    }

    /** Accumulates up to a cap; either fails (2xx) or truncates to empty (errors) when the cap is passed. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final boolean discard;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean failFast;
        private Flow.Subscription subscription;

        Capped(int limit, boolean discard) {
            this.limit = limit;
            this.discard = discard;
        }

        Capped failingImmediately() {
            failFast = true;
            return this;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (discard) {
                s.cancel();
                result.complete(EMPTY);
            } else if (failFast) {
                s.cancel();
                result.completeExceptionally(new ResponseTooLargeException(limit));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (buffer.size() + (long) b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(limit));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
