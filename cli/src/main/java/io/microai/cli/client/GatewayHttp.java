package io.microai.cli.client;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.config.Env;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.time.Duration;

/** How the client commands reach a gateway: which URL, with what client, and what a refused connection means. */
final class GatewayHttp {
    static final String ENV = "MICROAI_GATEWAY";
    /** The picocli default of a {@code --gateway} option: the environment variable, else the local gateway. */
    static final String DEFAULT_URL = "${env:" + ENV + ":-" + GatewayApi.DEFAULT_URL + "}";
    /**
     * A gateway on the same machine or network accepts in milliseconds; one that has not after this long is not
     * there, and saying so beats waiting out the operating system's much longer connect timeout.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private GatewayHttp() {
    }

    /** {@code $MICROAI_GATEWAY}, else the local gateway; for options that cannot take a picocli default. */
    static String fromEnvironment(Env env) {
        return env.string(ENV, GatewayApi.DEFAULT_URL);
    }

    static HttpClient.Builder client() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
    }

    /** One exchange with the gateway. */
    interface Exchange<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Runs {@code exchange}; a refused connection becomes the one-line advice to start the stack. */
    static <T> T reaching(String base, Exchange<T> exchange) throws IOException, InterruptedException {
        try {
            return exchange.run();
        } catch (ConnectException e) {
            throw unreachable(base);
        }
    }

    static IllegalStateException unreachable(String base) {
        return new IllegalStateException("cannot reach the gateway at " + base + " (is the stack up? scripts/microai stack up)");
    }
}
