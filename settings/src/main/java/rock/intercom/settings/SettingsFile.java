package rock.intercom.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The device's settings as a YAML file. Saving is atomic: a temporary file in the same directory
 * is written, forced to disk, then renamed over the old one and the directory is forced, so a crash
 * leaves either the old or the new document, never a mix. The file holds passwords, so it is
 * created readable by its owner only (0600). Comments of a hand-written file are not kept by a save.
 * Thread-safe for callers that do not save concurrently ({@link LiveSettings} serialises saves).
 */
public final class SettingsFile implements SettingsStore {

    /** Written first, since a save replaces any comments the operator had in the file. */
    static final String HEADER = "# Rock Intercom device settings, rewritten when settings are applied.\n"
            + "# Holds passwords: keep this file private (mode 0600).\n";

    private final Path path;
    private final SettingsCodec codec;
    private final SettingsValidator validator;

    public SettingsFile(Path path, SettingsCodec codec, SettingsValidator validator) {
        this.path = path.toAbsolutePath();
        this.codec = codec;
        this.validator = validator;
    }

    public Path path() {
        return path;
    }

    /** Reads and validates the file; {@link SettingsRejected} names every bad field. */
    public DeviceSettings load() throws IOException {
        DeviceSettings settings = codec.readYaml(Files.readString(path, StandardCharsets.UTF_8));
        validator.check(settings);
        return settings;
    }

    @Override
    public void save(DeviceSettings settings) throws IOException {
        byte[] bytes = (HEADER + codec.writeYaml(settings)).getBytes(StandardCharsets.UTF_8);
        Path directory = path.getParent();
        Path temporary = Files.createTempFile(directory, "." + path.getFileName() + ".", ".tmp", ownerOnly());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory(directory);
    }

    private void moveIntoPlace(Path temporary) throws IOException {
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + path + " cannot replace files atomically", e);
        }
    }

    /** Makes the rename itself durable; not possible on every platform, where it is skipped. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; the rename is still atomic there.
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }
}
