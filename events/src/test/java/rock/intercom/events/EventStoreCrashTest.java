package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code kill -9} of a JVM that is appending: every id it acknowledged must be on disk. */
class EventStoreCrashTest {

    private static final int ACKS_BEFORE_KILL = 200;
    private static final String END = "<end>";

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEventSurvivesKillDashNine() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(), dataDir.toString())
                .redirectError(dataDir.resolve("child.err").toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> pump(child, lines), "child-stdout");
        pump.setDaemon(true);
        pump.start();
        List<Long> acknowledged = new ArrayList<>();
        try {
            while (acknowledged.size() < ACKS_BEFORE_KILL) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as(() -> "child output; its stderr: " + childErrors()).isNotNull().isNotEqualTo(END).startsWith("ACK ");
                acknowledged.add(Long.parseLong(line.substring(4)));
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close()
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // Acks printed between our last read and the kill count too.
        for (String line = lines.poll(30, TimeUnit.SECONDS); line != null && !line.equals(END);
                line = lines.poll(30, TimeUnit.SECONDS)) {
            acknowledged.add(Long.parseLong(line.substring(4)));
        }
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

        try (SqliteEventStore reopened = SqliteEventStore.open(dataDir)) {
            Set<Long> stored = new java.util.HashSet<>();
            EventQuery page = EventQuery.newest(EventQuery.MAX_LIMIT);
            for (List<SecurityEvent> events = reopened.query(page); !events.isEmpty();
                    events = reopened.query(page.withBeforeId(events.get(events.size() - 1).id()))) {
                stored.addAll(events.stream().map(SecurityEvent::id).collect(Collectors.toSet()));
            }
            assertThat(stored).containsAll(acknowledged);
            // At most the one append in flight at the kill may be stored without an ack.
            assertThat(stored.size()).isBetween(acknowledged.size(), acknowledged.size() + 1);
        }
    }

    private String childErrors() {
        try {
            return java.nio.file.Files.readString(dataDir.resolve("child.err"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void pump(Process child, BlockingQueue<String> lines) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The pipe breaks when the child is killed: the lines read so far are all there is.
        } finally {
            lines.add(END);
        }
    }
}
