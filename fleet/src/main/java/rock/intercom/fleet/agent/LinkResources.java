package rock.intercom.fleet.agent;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;

/**
 * The HTTP client and timer threads links run on: a device owns one set (one thread), a simulator
 * shares one set among all its simulated devices. Close it after the links that use it.
 */
public record LinkResources(HttpClient http, ScheduledExecutorService pool, boolean shared) implements AutoCloseable {

    /** One device's: a single {@code fleet-link} thread. */
    public static LinkResources single() {
        return single(null);
    }

    /** As {@link #single()}, trusting {@code trust} for the portal's certificate (null: the JVM's trust store). */
    public static LinkResources single(SSLContext trust) {
        return new LinkResources(client(trust), Executors.newSingleThreadScheduledExecutor(daemon("fleet-link")), false);
    }

    /** Shared by many links on {@code threads} threads. */
    public static LinkResources shared(int threads) {
        return shared(threads, null);
    }

    /** As {@link #shared(int)}, trusting {@code trust} for the portal's certificate (null: the JVM's trust store). */
    public static LinkResources shared(int threads, SSLContext trust) {
        return new LinkResources(client(trust), Executors.newScheduledThreadPool(threads, daemon("fleet-links")), true);
    }

    private static HttpClient client(SSLContext trust) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        return (trust == null ? builder : builder.sslContext(trust)).build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
