package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.testkit.PostgresServer;

/** Given {@code --events-url} naming a fleet's PostgreSQL, the device's events land there, not in SQLite. */
class FleetEventsTest {

    @TempDir
    Path dir;

    @Test
    void eventsGoToThePostgresqlNamedOnTheCommandLine() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase("fleet");
            Path config = dir.resolve("device.yaml");
            Files.copy(Path.of("../examples/device.yaml"), config);
            DeviceOptions options = new DeviceOptions(config, dir.resolve("data"), "127.0.0.1", 0, 0,
                    AudioSetup.of("tone:440", "none", RtpPortRange.parse("42000-42019")), url);
            try (DeviceRuntime device = DeviceRuntime.open(options,
                    Map.of("INTERCOM_ADMIN_PASSWORD", "fleet-admin", "INTERCOM_EVENTS_USER", PostgresServer.USER),
                    new PrintStream(new ByteArrayOutputStream()))) {
                device.device().pressButton();
                await().atMost(Duration.ofSeconds(10)).until(() -> count(url, "Call Failed") == 1);
            }
            assertThat(Files.exists(dir.resolve("data").resolve("events.db"))).as("no SQLite store").isFalse();
        }
    }

    private static int count(String url, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM security_event WHERE name = '" + name + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
