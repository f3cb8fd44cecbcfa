import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hostile client of scripts/hostile: one attack from one loopback address (127.0.0.2, so a well-behaved
 * client on 127.0.0.1 is another client), for a number of seconds, with raw sockets. Prints one JSON line:
 * what the attacker itself got back (status counts, connections the server closed).
 *
 * Usage: java Attack.java SCENARIO PORT SECONDS
 *   slow-bodies     200 connections send a paid attempt's headers with Content-Length: 100 and never the body
 *   slow-headers    200 connections send their request line and headers one byte a second
 *   conn-flood      1000 connections opened and left idle, re-opened as the server closes them
 *   header-flood    64 parallel requests with a 15 KiB block of headers each, and some over the 16 KiB limit
 *   readyz-flood    200 parallel /readyz loops
 *   forged-xff      64 parallel loops with a fresh forged X-Forwarded-For on every request
 */
public class Attack {
    static final String FROM = "127.0.0.2";
    static final Map<String, AtomicLong> STATUSES = new ConcurrentHashMap<>();
    static final AtomicLong CLOSED = new AtomicLong();
    static final AtomicLong CONNECT_FAILED = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        int port = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        int workers = switch (scenario) {
            case "slow-bodies", "slow-headers", "readyz-flood" -> 200;
            case "conn-flood" -> 1000;
            case "header-flood", "forged-xff" -> 64;
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
        for (int i = 0; i < workers; i++) {
            int id = i;
            pool.execute(() -> {
                while (System.nanoTime() < until) {
                    try {
                        run(scenario, port, id, until);
                    } catch (IOException e) {
                        CLOSED.incrementAndGet();
                        sleep(50);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30, TimeUnit.SECONDS);
        Map<String, Long> statuses = new TreeMap<>();
        STATUSES.forEach((k, v) -> statuses.put(k, v.get()));
        StringBuilder json = new StringBuilder("{\"scenario\":\"" + scenario + "\",\"statuses\":{");
        String sep = "";
        for (Map.Entry<String, Long> e : statuses.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
            sep = ",";
        }
        json.append("},\"connections_closed_by_server\":").append(CLOSED.get())
                .append(",\"connect_failures\":").append(CONNECT_FAILED.get()).append('}');
        System.out.println(json);
        System.exit(0);
    }

    static void run(String scenario, int port, int id, long until) throws IOException {
        switch (scenario) {
            case "slow-bodies" -> hold(port, "POST /api/ai/summarize HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-402-Signature: 0x" + "ab".repeat(65) + "\r\nX-402-Nonce: n" + id + "\r\nContent-Length: 100\r\n\r\n", until);
            case "slow-headers" -> drip(port, until);
            case "conn-flood" -> hold(port, "", until);
            case "header-flood" -> request(port, "/api/ai/summarize", headerBlock(id % 8 == 0 ? 17_000 : 15_000));
            case "readyz-flood" -> request(port, "/readyz", "");
            case "forged-xff" -> request(port, "/api/ai/summarize", "X-Forwarded-For: " + randomAddress() + "\r\n");
            default -> throw new IllegalStateException(scenario);
        }
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName(FROM), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        } catch (IOException e) {
            CONNECT_FAILED.incrementAndGet();
            s.close();
            throw e;
        }
        return s;
    }

    /** Sends {@code text} and then nothing, until the server answers or closes, or the attack ends. */
    static void hold(int port, String text, long until) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            s.setSoTimeout(1_000);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            while (System.nanoTime() < until) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    CLOSED.incrementAndGet();
                    return;
                }
                count(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                return;
            }
        }
    }

    static void drip(int port, long until) throws IOException {
        byte[] request = ("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(200) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket s = connect(port)) {
            OutputStream out = s.getOutputStream();
            for (byte b : request) {
                if (System.nanoTime() >= until) {
                    return;
                }
                out.write(b);
                out.flush();
                sleep(1_000);
            }
            s.setSoTimeout(5_000);
            byte[] buffer = new byte[4096];
            int n = s.getInputStream().read(buffer);
            if (n > 0) {
                count(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        }
    }

    static void request(int port, String path, String headers) throws IOException {
        try (Socket s = connect(port)) {
            String method = path.equals("/readyz") ? "GET" : "POST";
            String body = method.equals("POST") ? "{\"text\":\"hostile\"}" : "";
            String text = method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers
                    + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n") + "\r\n" + body;
            s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            s.setSoTimeout(30_000);
            byte[] buffer = new byte[512];
            int n = s.getInputStream().read(buffer);
            if (n > 0) {
                count(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            } else {
                CLOSED.incrementAndGet();
            }
        }
    }

    static String headerBlock(int bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < bytes; i++) {
            b.append("X-Flood-").append(i).append(": ").append("v".repeat(100)).append("\r\n");
        }
        return b.toString();
    }

    static final Random RANDOM = new Random();

    static synchronized String randomAddress() {
        return "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256);
    }

    static void count(String response) {
        String status = response.startsWith("HTTP/1.1 ") && response.length() >= 12 ? response.substring(9, 12) : "other";
        STATUSES.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
