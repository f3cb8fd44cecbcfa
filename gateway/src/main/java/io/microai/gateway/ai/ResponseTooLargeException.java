package io.microai.gateway.ai;

import java.io.IOException;

/** Raised while reading a provider response once it exceeds the configured byte cap. */
final class ResponseTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long limit) {
        super("response exceeded " + limit + " bytes");
    }
}
