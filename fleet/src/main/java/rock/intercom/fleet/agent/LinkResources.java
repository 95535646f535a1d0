package rock.intercom.fleet.agent;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The HTTP client and timer threads links run on: a device owns one set (one thread), a simulator
 * shares one set among all its simulated devices. Close it after the links that use it.
 */
public record LinkResources(HttpClient http, ScheduledExecutorService pool, boolean shared) implements AutoCloseable {

    /** One device's: a single {@code fleet-link} thread. */
    public static LinkResources single() {
        return new LinkResources(client(), Executors.newSingleThreadScheduledExecutor(daemon("fleet-link")), false);
    }

    /** Shared by many links on {@code threads} threads. */
    public static LinkResources shared(int threads) {
        return new LinkResources(client(), Executors.newScheduledThreadPool(threads, daemon("fleet-links")), true);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
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
