package io.microai.shared.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body but gives up (and cancels the transfer) past a byte limit. The JDK's
 * {@code ofByteArray} has no limit, and a peer that misbehaves (a wrong port, a file server, a
 * runaway model) must not be able to make a service buffer gigabytes.
 */
public final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    /** Thrown (inside the future) when a body is over the limit. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long limit) {
            super("body larger than " + limit + " bytes", null, false, false);
        }
    }

    private final long limit;
    private final long declaredLength;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    /** @param declaredLength the Content-Length, or -1; a declared oversize fails before any byte is read */
    /** Reads a 2xx body up to {@code limit} bytes; any other status is not read at all (its body is empty). */
    public static HttpResponse.BodyHandler<byte[]> successBodyUpTo(long limit) {
        return info -> info.statusCode() >= 200 && info.statusCode() <= 299
                ? new CappedBodySubscriber(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(new byte[0]);
    }

    public CappedBodySubscriber(long limit, long declaredLength) {
        this.limit = limit;
        this.declaredLength = declaredLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > limit) {
            s.cancel();
            result.completeExceptionally(new TooLarge(limit));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (buffer.size() + (long) n > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            byte[] chunk = new byte[n];
            b.get(chunk);
            buffer.write(chunk, 0, n);
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

