package rock.intercom.fleet.agent;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The device's credential at its portal, {@value #FILE_NAME} in the data dir, mode 0600 (written to
 * a temporary file with that mode, then renamed, so it is never readable by others). The secret is
 * never logged; {@link #toString} leaves it out.
 */
public record DeviceCredential(String portalUrl, String deviceId, String secret) {

    public static final String FILE_NAME = "fleet-credential.properties";

    public static Optional<DeviceCredential> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        String url = properties.getProperty("portalUrl");
        String id = properties.getProperty("deviceId");
        String secret = properties.getProperty("secret");
        if (url == null || id == null || secret == null) {
            throw new IOException(file + " lacks portalUrl, deviceId or secret: delete it and enrol again");
        }
        return Optional.of(new DeviceCredential(url, id, secret));
    }

    public void save(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Properties properties = new Properties();
        properties.setProperty("portalUrl", portalUrl);
        properties.setProperty("deviceId", deviceId);
        properties.setProperty("secret", secret);
        StringWriter text = new StringWriter();
        properties.store(text, "Rock Intercom: this device's credential at its portal. Keep secret.");
        Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, text.toString());
        Files.move(temporary, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The {@code Authorization} header value of the device's link. */
    String bearer() {
        return "Bearer " + deviceId + "." + secret;
    }

    @Override
    public String toString() {
        return "DeviceCredential[" + deviceId + " at " + portalUrl + "]";
    }
}
