package io.microai.gateway.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.metrics.StoreFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The gateway's one Redis connection, shared by the nonce store and the rate limiter: Lettuce multiplexes
 * every command of every request thread over it, so there are no per-request connects and no pool.
 *
 * <p>Failure policy, so that no request ever waits on Redis for longer than {@code timeout}:
 * <ul>
 *   <li>each command times out after {@code timeout} ({@link TimeoutOptions} and the synchronous API);</li>
 *   <li>while the connection is down, Lettuce reconnects in the background (backoff 100 ms … 1 s) and
 *       commands are rejected at once ({@link ClientOptions.DisconnectedBehavior#REJECT_COMMANDS}) rather than
 *       queued; the request queue is bounded too;</li>
 *   <li>if Redis is down when the gateway starts, the first connect fails and a later command tries again
 *       (one thread at a time, at most once a second; the others fail fast meanwhile).</li>
 * </ul>
 * Every failure becomes the exception the calling store's interface declares ({@link RedisStore#failure}),
 * counted in {@code gateway_store_errors_total} first; every command's duration goes to
 * {@code gateway_store_request_duration_seconds}.
 */
public final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisConnector.class.getName());
    private static final long RETRY_CONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The first connect, at start, may take a cold JVM a few seconds (class loading); requests never wait on it. */
    private static final Duration STARTUP_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** A Lua script with its SHA-1, run by EVALSHA and re-sent with EVAL when Redis lost its script cache. */
    public record Script(String source, String sha1) {
        public static Script of(String source) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
                return new Script(source, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String redactedUrl;
    private final GatewayMetrics metrics;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectNanos;
    private volatile boolean closed;

    public RedisConnector(String url, Duration timeout, GatewayMetrics metrics) {
        Objects.requireNonNull(timeout, "timeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.redactedUrl = RedisUrls.redact(url);
        this.timeout = timeout;
        uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        RedisURI startupUri = RedisURI.create(url);
        startupUri.setTimeout(timeout.compareTo(STARTUP_CONNECT_TIMEOUT) > 0 ? timeout : STARTUP_CONNECT_TIMEOUT);
        resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(10_000)
                .timeoutOptions(TimeoutOptions.enabled()) // each command: the connection's timeout
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
        try {
            connection = withCommandTimeout(client.connect(startupUri));
            LOG.info("connected to Redis at " + redactedUrl);
        } catch (RuntimeException e) {
            nextConnectNanos = System.nanoTime() + RETRY_CONNECT_NANOS;
            LOG.warning("Redis at " + redactedUrl + " is unreachable (" + e.getMessage()
                    + "); paid requests get 503 until it is reachable, and the gateway keeps trying");
        }
    }

    /**
     * Runs one command on the shared connection, timed and with every failure turned into the store's
     * counted exception. {@code operation} is a label value from a closed set.
     */
    <T> T call(RedisStore store, String operation, Function<RedisCommands<String, String>, T> command) {
        long start = System.nanoTime();
        try {
            return command.apply(connection().sync());
        } catch (NotConnected e) {
            throw failure(store, StoreFailure.UNAVAILABLE, e.getMessage(), e.getCause());
        } catch (RedisCommandTimeoutException e) {
            throw failure(store, StoreFailure.TIMEOUT, "no answer within the timeout", e);
        } catch (RedisNoScriptException e) {
            throw failure(store, StoreFailure.ERROR, "script missing", e);
        } catch (RedisCommandExecutionException e) {
            throw failure(store, StoreFailure.ERROR, "Redis answered with an error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // RedisException "Currently not connected", RedisConnectionException, a closed channel, an interrupt.
            throw failure(store, StoreFailure.UNAVAILABLE, String.valueOf(e.getMessage()), e);
        } finally {
            metrics.storeDuration(store.label(), operation).observeNanos(System.nanoTime() - start);
        }
    }

    /** Runs a script by EVALSHA, falling back to EVAL (which also caches it) when Redis does not know it. */
    List<Object> script(RedisStore store, String operation, Script script, String[] keys, String... args) {
        return call(store, operation, redis -> {
            try {
                return redis.evalsha(script.sha1(), ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(script.source(), ScriptOutputType.MULTI, keys, args);
            }
        });
    }

    /** Whether Redis answers a PING now: {@code ok} or {@code unreachable}, for {@code /readyz}. */
    public String check() {
        try {
            StatefulRedisConnection<String, String> c = connection;
            if (c == null) {
                c = connection();
            }
            return "PONG".equalsIgnoreCase(c.sync().ping()) ? "ok" : "unreachable";
        } catch (RuntimeException e) {
            return "unreachable";
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c;
        }
        if (closed || System.nanoTime() < nextConnectNanos || !connecting.tryLock()) {
            throw new NotConnected("not connected to Redis", null);
        }
        try {
            c = connection;
            if (c == null) {
                try {
                    c = withCommandTimeout(client.connect(uri));
                    connection = c;
                    LOG.info("connected to Redis at " + redactedUrl);
                } catch (RuntimeException e) {
                    nextConnectNanos = System.nanoTime() + RETRY_CONNECT_NANOS;
                    throw new NotConnected("cannot connect to Redis: " + e.getMessage(), e);
                }
            }
            return c;
        } finally {
            connecting.unlock();
        }
    }

    private StatefulRedisConnection<String, String> withCommandTimeout(StatefulRedisConnection<String, String> c) {
        c.setTimeout(timeout);
        return c;
    }

    /** Counts a failure of {@code store} and returns the exception to throw. */
    RuntimeException failure(RedisStore store, StoreFailure reason, String detail, Throwable cause) {
        metrics.storeError(store.label(), reason);
        return store.failure(reason, detail, cause);
    }

    /** No connection to run a command on, and none to be had right now. */
    private static final class NotConnected extends RuntimeException {
        NotConnected(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> c = connection;
        try {
            if (c != null) {
                c.close();
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
