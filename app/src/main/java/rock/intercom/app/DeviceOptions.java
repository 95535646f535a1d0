package rock.intercom.app;

import java.nio.file.Path;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.app.door.DoorWiring;
import rock.intercom.app.video.VideoSetup;

/**
 * How one device process runs: where its files are, which ports it takes, its audio I/O and
 * where its events go (not settings), and the camera video calls send ({@code video}).
 * {@code eventsJdbcUrl} null keeps events in SQLite under
 * {@code dataDir}; a {@code jdbc:postgresql:} URL sends them to a fleet's PostgreSQL.
 */
public record DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort, AudioSetup audio,
        String eventsJdbcUrl, DoorWiring door, VideoSetup video, HttpsWiring https) {

    public DeviceOptions {
        door = door == null ? DoorWiring.NONE : door;
        video = video == null ? VideoSetup.testPattern() : video;
        https = https == null ? HttpsWiring.NONE : https;
    }

    /** Plain HTTP only. */
    public DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort, AudioSetup audio,
            String eventsJdbcUrl, DoorWiring door, VideoSetup video) {
        this(config, dataDir, httpHost, httpPort, sipPort, audio, eventsJdbcUrl, door, video, HttpsWiring.NONE);
    }

    /** With the test pattern as camera. */
    public DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort, AudioSetup audio,
            String eventsJdbcUrl, DoorWiring door, HttpsWiring https) {
        this(config, dataDir, httpHost, httpPort, sipPort, audio, eventsJdbcUrl, door, null, https);
    }

    /** With the test pattern as camera, plain HTTP only. */
    public DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort, AudioSetup audio,
            String eventsJdbcUrl, DoorWiring door) {
        this(config, dataDir, httpHost, httpPort, sipPort, audio, eventsJdbcUrl, door, null, HttpsWiring.NONE);
    }

    /** No wired button or relay: the virtual button only. */
    public DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort, AudioSetup audio,
            String eventsJdbcUrl) {
        this(config, dataDir, httpHost, httpPort, sipPort, audio, eventsJdbcUrl, DoorWiring.NONE);
    }

    /** Events in the embedded SQLite store. */
    public DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort, AudioSetup audio) {
        this(config, dataDir, httpHost, httpPort, sipPort, audio, null);
    }
}
