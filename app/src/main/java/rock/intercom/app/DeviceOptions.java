package rock.intercom.app;

import java.nio.file.Path;
import rock.intercom.app.audio.AudioSetup;

/** How one device process runs: where its files are, which ports it takes and its audio I/O (not settings). */
public record DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort, AudioSetup audio) {
}
