package io.microai.cli.top;

/**
 * One {@code /metrics} URL to watch and the role it was given: {@link Role#AUTO} means "look at the
 * families in its scrape" (gateway if it exports {@code gateway_requests_total}, verifier if
 * {@code verifier_requests_total}).
 */
record Target(String url, Role role) {
    enum Role {
        GATEWAY, VERIFIER, AUTO
    }
}
