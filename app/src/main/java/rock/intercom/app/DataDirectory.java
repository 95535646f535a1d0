package rock.intercom.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The device's data dir holds SIP passwords (settings.yaml and the hash of the config file that
 * seeded it), bcrypt hashes, API token digests and the event store: only its owner may read it.
 * The dir is made 0700 and every file in it 0600 (SQLite gives its -wal and -shm files the
 * database file's mode). On a file system without POSIX modes nothing is changed.
 */
final class DataDirectory {

    private DataDirectory() {
    }

    /** Creates the dir if needed and makes it and its files owner-only. */
    static void restrict(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
                for (Path file : files) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // e.g. a FAT card: its mount options decide who may read it
        } catch (IOException e) {
            throw new ConfigFileProblem("data dir " + dir + ": " + e.getMessage());
        }
    }
}
