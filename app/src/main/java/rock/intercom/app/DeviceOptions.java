package rock.intercom.app;

import java.nio.file.Path;

/** How one device process runs: where its files are and which ports it takes (not settings). */
public record DeviceOptions(Path config, Path dataDir, String httpHost, int httpPort, int sipPort) {
}
