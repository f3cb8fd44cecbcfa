package io.microai.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A private {@code redis-server} for a fleet's shared state ({@code --with-redis}): bound to 127.0.0.1,
 * persisting nothing. Healthy when a {@code PING} answers {@code +PONG}.
 */
final class RedisService implements ServiceKind {
    static final String ROLE = "redis";
    static final String BINARY = "redis-server";

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public List<ServiceSpec> plan(StackLayout layout) {
        if (!layout.withRedis()) {
            return List.of();
        }
        Path binary = Processes.onPath(BINARY).orElseThrow(() -> new IllegalStateException(
                "--with-redis needs the 'redis-server' binary on PATH; install the Debian package redis-server"
                        + " (apt-get install -y redis-server) or give --redis URL"));
        int port = layout.redisPort();
        Path dir = layout.files().redisDir();
        String url = layout.sharedRedisUrl();
        return List.of(ServiceSpec.named(ROLE, ROLE)
                .command(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", Processes.LOOPBACK,
                        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--logfile", ""))
                .listensOn(Processes.LOOPBACK, port, "--redis-port")
                .url(url)
                .healthUrl(url)
                .metricsUrl(null, "PING answers +PONG")
                // Redis rewrites its process title to "redis-server 127.0.0.1:PORT"; that is the marker.
                .marker(Processes.LOOPBACK + ":" + port)
                .beforeStart(() -> Files.createDirectories(dir))
                .build());
    }
}
