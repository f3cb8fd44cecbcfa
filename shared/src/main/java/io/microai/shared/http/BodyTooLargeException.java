package io.microai.shared.http;

import java.io.IOException;

/** The request body exceeded the endpoint's byte limit; answered with 413. */
public final class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
