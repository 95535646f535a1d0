package rock.intercom.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * What the demo keeps about its PBX in the data dir ({@value #FILE}, mode 0600), so a restart
 * builds the very same door settings and the settings changed in the portal survive: the door's
 * SIP password the PBX accepts, and the PBX's port.
 *
 * @param devicePassword the door's (505's) SIP password; made once, at random
 * @param pbxPort        the demo PBX's SIP port
 */
record DemoPbxState(String devicePassword, int pbxPort) {
    static final String FILE = "demo-pbx.properties";

    @Override
    public String toString() {
        return "DemoPbxState[devicePassword=***, pbxPort=" + pbxPort + "]";
    }

    /** A new random password; the port is chosen when the PBX starts. */
    static DemoPbxState fresh() {
        return new DemoPbxState(HexFormat.of().formatHex(new SecureRandom().generateSeed(12)), 0);
    }

    /** The saved state, or empty when there is none or it is unreadable (the demo then starts afresh). */
    static Optional<DemoPbxState> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String password = p.getProperty("door.password", "");
        try {
            int port = Integer.parseInt(p.getProperty("pbx.port", ""));
            return password.isEmpty() || port < 1 || port > 65535 ? Optional.empty()
                : Optional.of(new DemoPbxState(password, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Makes {@code file} readable by its owner only, where the file system has POSIX permissions. */
    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. FAT or Windows: nothing to tighten here
        }
    }

    /** Written then renamed, readable by the owner only: it holds a password. */
    void save(Path dataDir) throws IOException {
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Properties p = new Properties();
        p.setProperty("door.password", devicePassword);
        p.setProperty("pbx.port", Integer.toString(pbxPort));
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "./intercom demo: the door's SIP password at the demo PBX, and the PBX's port");
        }
        Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
