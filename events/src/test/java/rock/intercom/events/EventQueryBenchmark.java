package rock.intercom.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Query latency over a large event log (run by {@code bench/events-query.sh}; not a unit test).
 * Fills {@code count} events from 20 doors over a year (batched, one transaction, straight into
 * the migrated schema: the fill is set-up, not what is measured), reopens the store, then times
 * {@link SqliteEventStore#query} for the filters the portal uses and prints p50/p99/max and the
 * SQLite query plan of each. A fill is reused by later runs with the same count and schema.
 */
public final class EventQueryBenchmark {

    private static final Instant START = Instant.parse("2025-11-27T00:00:00Z");
    private static final int DEVICES = 20;
    private static final int WARMUP = 200;
    private static final int ROUNDS = 2000;
    /** A slow filter stops after this long, with the rounds it managed, so the run stays short. */
    private static final long BUDGET_NANOS = Duration.ofSeconds(10).toNanos();

    private EventQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "target/bench-events");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path file = dataDir.resolve(SqliteEventStore.FILE_NAME);
        // Reuse an earlier fill only if it has the same size and schema (the migration text).
        Path fingerprintFile = dataDir.resolve("bench.fingerprint");
        String fingerprint = count + " " + migrationHash();
        if (!Files.exists(file) || !Files.exists(fingerprintFile)
                || !Files.readString(fingerprintFile).equals(fingerprint) || storedCount(file) < count) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dataDir.resolve(SqliteEventStore.FILE_NAME + "-wal"));
            Files.deleteIfExists(dataDir.resolve(SqliteEventStore.FILE_NAME + "-shm"));
            SqliteEventStore.open(dataDir).close(); // creates the schema through the migrations
            long started = System.nanoTime();
            fill(file, count);
            System.out.printf("filled %,d events in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
            Files.writeString(fingerprintFile, fingerprint);
        }
        long opening = System.nanoTime();
        try (SqliteEventStore store = SqliteEventStore.open(dataDir)) {
            System.out.printf("open (migrate check + PRAGMA optimize): %.0f ms%n", (System.nanoTime() - opening) / 1e6);
            long appending = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                store.append(NewEvent.of("door-00", SecurityEventName.DIALING, Map.of("attempt", i)));
            }
            System.out.printf("append (one durable transaction each): %.2f ms mean over 100%n",
                    (System.nanoTime() - appending) / 1e6 / 100);
            long lastId = store.query(EventQuery.newest(1)).get(0).id();
            Instant middle = START.plus(Duration.ofDays(180));
            long deepId = lastId / 10; // 90 % of the log is newer than this page
            Map<String, EventQuery> queries = new LinkedHashMap<>();
            queries.put("name=Dialing newest 50", EventQuery.newest(50).withNames(Set.of("Dialing")));
            queries.put("device newest 50", EventQuery.newest(50).withDevice("door-07"));
            queries.put("device+name newest 50",
                    EventQuery.newest(50).withDevice("door-07").withNames(Set.of("Call Failed")));
            queries.put("names Call Failed|Call Rejected newest 50",
                    EventQuery.newest(50).withNames(Set.of("Call Failed", "Call Rejected")));
            queries.put("device+1 day range newest 50", EventQuery.newest(50).withDevice("door-07")
                    .withRange(middle, middle.plus(Duration.ofDays(1))));
            queries.put("device+30 day range newest 50", EventQuery.newest(50).withDevice("door-07")
                    .withRange(middle, middle.plus(Duration.ofDays(30))));
            queries.put("name+1 day range newest 50", EventQuery.newest(50).withNames(Set.of("Dialing"))
                    .withRange(middle, middle.plus(Duration.ofDays(1))));
            queries.put("1 hour range, all devices, newest 50",
                    EventQuery.newest(50).withRange(middle, middle.plus(Duration.ofHours(1))));
            queries.put("deep page (beforeId=10% of ids) newest 50", EventQuery.newest(50).withBeforeId(deepId));
            queries.put("deep page name=Call Rejected", EventQuery.newest(50).withNames(Set.of("Call Rejected"))
                    .withBeforeId(deepId));
            queries.put("deep page device+name", EventQuery.newest(50).withDevice("door-07")
                    .withNames(Set.of("Incoming Call")).withBeforeId(deepId));
            System.out.printf("%,d events in %s%n%n", lastId, file);
            System.out.printf("%-45s %6s %9s %9s %9s %6s%n", "query", "rows", "p50 µs", "p99 µs", "max µs", "runs");
            for (Map.Entry<String, EventQuery> query : queries.entrySet()) {
                measure(store, query.getKey(), query.getValue());
            }
            System.out.println();
            for (Map.Entry<String, EventQuery> query : queries.entrySet()) {
                System.out.println(query.getKey() + ":\n" + plan(file, query.getValue()));
            }
        }
    }

    private static void measure(SqliteEventStore store, String label, EventQuery query) {
        int rows = 0;
        long deadline = System.nanoTime() + BUDGET_NANOS;
        for (int i = 0; i < WARMUP && System.nanoTime() < deadline; i++) {
            rows = store.query(query).size();
        }
        long[] micros = new long[ROUNDS];
        int done = 0;
        deadline = System.nanoTime() + BUDGET_NANOS;
        while (done < ROUNDS && (done < 10 || System.nanoTime() < deadline)) {
            long started = System.nanoTime();
            store.query(query);
            micros[done++] = (System.nanoTime() - started) / 1_000;
        }
        long[] measured = Arrays.copyOf(micros, done);
        Arrays.sort(measured);
        System.out.printf("%-45s %6d %9d %9d %9d %6d%n", label, rows, measured[done / 2], measured[done * 99 / 100],
                measured[done - 1], done);
    }

    private static String plan(Path file, EventQuery query) throws SQLException {
        EventQuerySql sql = EventQuerySql.of(query).orElseThrow();
        StringBuilder plan = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql.sql())) {
            sql.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append("    ").append(rows.getString("detail")).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static String migrationHash() throws java.io.IOException {
        try (java.io.InputStream sql = EventQueryBenchmark.class.getResourceAsStream(
                "/db/events/sqlite/V1__security_events.sql")) {
            return Integer.toHexString(Arrays.hashCode(sql.readAllBytes()));
        }
    }

    private static long storedCount(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM security_event");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** A year of door traffic: names in the proportions of real call flows, times increasing with ids. */
    private static void fill(Path file, int count) throws SQLException {
        List<String> names = List.of("Dialing", "Dialing", "Dialing", "Call Established", "Call Established",
                "Hanging Up", "Hanging Up", "Hanging Up", "Call Failed", "Incoming Call", "Call Rejected");
        Random random = new Random(505);
        long stepMs = Duration.ofDays(365).toMillis() / count;
        long timeMs = START.toEpochMilli();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO security_event (time_ms, device_id, name, details) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    timeMs += 1 + random.nextInt((int) (2 * stepMs));
                    String name = names.get(random.nextInt(names.size()));
                    insert.setLong(1, timeMs);
                    insert.setString(2, String.format("door-%02d", random.nextInt(DEVICES)));
                    insert.setString(3, name);
                    insert.setString(4, "{\"attempt\":1,\"callId\":\"" + Long.toHexString(random.nextLong())
                            + "@door\",\"direction\":\"outgoing\",\"remoteParty\":\"sip:400@10.40.0.224\"}");
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }
}
