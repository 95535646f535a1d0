package rock.intercom.fleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rock.intercom.fleet.Wire;

/**
 * bench/fleet.sh's measuring side, against a running portal with simulated doors linked to it:
 * time until N doors are online, a settings push to every door (32 at a time, through the API as a
 * signed-in administrator), the portal's event ingest rate, and page latency meanwhile.
 * Args: PORTAL_URL ADMIN_PASSWORD DOORS MEASURE_SECONDS.
 */
public final class FleetBench {

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrf;

    private FleetBench(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        FleetBench bench = new FleetBench(args[0]);
        int doors = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        bench.signIn(args[1]);
        long start = System.nanoTime();
        long online;
        while ((online = bench.online()) < doors) {
            if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("only " + online + " of " + doors + " doors online after 5 min");
            }
            Thread.sleep(500);
        }
        System.out.printf("doors online: %d after %.1f s (from the bench's start)%n", online, secs(start));
        try {
            bench.fleetPush();
            bench.pushToAll(doors);
            bench.ingestAndPages(seconds);
        } catch (Exception failed) {
            // The push's worker threads would keep this JVM, and so bench/fleet.sh, alive for ever.
            failed.printStackTrace();
            System.exit(1);
        }
    }

    /** One POST /api/v1/settings-pushes: the portal pushes a merge patch to every door at once. */
    private void fleetPush() throws Exception {
        String number = Integer.toString(5000 + (int) (System.currentTimeMillis() % 1000));
        long start = System.nanoTime();
        JsonNode answer = Wire.MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(url + "/api/v1/settings-pushes"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"sip\":{\"callNumber\":\"" + number
                        + "\"}}}"))).body());
        System.out.printf("fleet-wide push (POST /api/v1/settings-pushes, callNumber %s) applied and answered by %d"
                + " of %d doors in %.2f s%n", number, answer.path("applied").asInt(), answer.path("devices").asInt(),
                secs(start));
        java.util.Map<String, Integer> problems = new java.util.TreeMap<>();
        answer.path("results").forEach(r -> {
            if (!r.path("applied").asBoolean()) {
                problems.merge(r.toString().replaceAll("rockx-[0-9-]+", "ID"), 1, Integer::sum);
            }
        });
        problems.forEach((problem, count) -> System.out.printf("  not applied: %d × %s%n", count, problem));
    }

    private void pushToAll(int doors) throws Exception {
        JsonNode list = Wire.MAPPER.readTree(get("/api/v1/devices")).path("devices");
        List<String> ids = new ArrayList<>();
        list.forEach(d -> ids.add(d.path("id").asText()));
        String number = Integer.toString(4000 + (int) (System.currentTimeMillis() % 1000));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (String id : ids) {
            results.add(pool.submit(() -> {
                ObjectNode settings = (ObjectNode) Wire.MAPPER.readTree(get("/api/v1/devices/" + id + "/settings"));
                ((ObjectNode) settings.get("sip")).put("callNumber", number);
                return send(HttpRequest.newBuilder(URI.create(url + "/api/v1/devices/" + id + "/settings"))
                        .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                        .PUT(HttpRequest.BodyPublishers.ofString(settings.toString()))).statusCode();
            }));
        }
        int applied = 0;
        for (Future<Integer> result : results) {
            applied += result.get() == 200 ? 1 : 0;
        }
        pool.shutdown();
        System.out.printf("per-door push (GET + PUT each, 32 at a time, callNumber %s) applied and answered by %d of %d doors in %.2f s%n",
                number, applied, ids.size(), secs(start));
    }

    private void ingestAndPages(int seconds) throws Exception {
        long firstId = newestEventId();
        long start = System.nanoTime();
        List<Double> devicesPage = Collections.synchronizedList(new ArrayList<>());
        List<Double> eventsPage = Collections.synchronizedList(new ArrayList<>());
        while (System.nanoTime() - start < Duration.ofSeconds(seconds).toNanos()) {
            devicesPage.add(timed("/devices"));
            eventsPage.add(timed("/security-events"));
            Thread.sleep(100);
        }
        double elapsed = secs(start);
        long lastId = newestEventId();
        long backlog = 0;
        for (JsonNode d : Wire.MAPPER.readTree(get("/api/v1/devices")).path("devices")) {
            backlog += d.at("/status/backlog").asLong();
        }
        System.out.printf("ingest: %.0f events/s stored over %.0f s; backlog across doors at the end: %d%n",
                (lastId - firstId) / elapsed, elapsed, backlog);
        System.out.printf("GET /devices          ms p50 %.0f p95 %.0f max %.0f (n=%d)%n", pct(devicesPage, 50),
                pct(devicesPage, 95), pct(devicesPage, 100), devicesPage.size());
        System.out.printf("GET /security-events  ms p50 %.0f p95 %.0f max %.0f (n=%d)%n", pct(eventsPage, 50),
                pct(eventsPage, 95), pct(eventsPage, 100), eventsPage.size());
    }

    private void signIn(String password) throws Exception {
        String form = get("/sign-in");
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        if (!token.find()) {
            throw new IllegalStateException("no sign-in token in the form");
        }
        String body = "_csrf=" + enc(token.group(1)) + "&username=admin&password=" + enc(password);
        send(HttpRequest.newBuilder(URI.create(url + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher meta = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(get("/devices"));
        if (!meta.find()) {
            throw new IllegalStateException("sign-in failed: no CSRF token on /devices");
        }
        csrf = meta.group(1);
    }

    private long online() throws Exception {
        long count = 0;
        for (JsonNode d : Wire.MAPPER.readTree(get("/api/v1/devices")).path("devices")) {
            // Linked, and its hello (settings and status) arrived: the registration state comes with it.
            count += d.at("/status/connection").asText().equals("online") && d.at("/status/registration").isObject()
                    ? 1 : 0;
        }
        return count;
    }

    private long newestEventId() throws Exception {
        JsonNode events = Wire.MAPPER.readTree(get("/api/v1/events?limit=1")).path("events");
        return events.isEmpty() ? 0 : events.get(0).path("id").asLong();
    }

    private double timed(String path) throws Exception {
        long start = System.nanoTime();
        get(path);
        return (System.nanoTime() - start) / 1e6;
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET()).body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(response.request().uri() + ": " + response.statusCode() + " "
                    + response.body());
        }
        return response;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double pct(List<Double> samples, int percentile) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
