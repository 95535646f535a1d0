package rock.intercom.portal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The JSON file of a portal store (users, API tokens), read and written whole. A write goes to a
 * temporary file only the owner may read (it holds password hashes or token digests), which then
 * replaces the old file, atomically where the file system can: a crash leaves the old file or the
 * new one, never half of one.
 */
final class JsonStoreFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonStoreFile() {
    }

    static ObjectNode newDocument() {
        return JSON.createObjectNode();
    }

    static ObjectNode read(Path file) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    static void write(Path file, ObjectNode document) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // A name of its own: portal processes sharing the data dir may write at the same moment.
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document),
                StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: the data dir's own permissions apply.
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
