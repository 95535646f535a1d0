package rock.intercom.app.door;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call button on a Linux input-event device ({@code /dev/input/…}, e.g. a {@code gpio-keys}
 * node or a USB button): reads {@link InputEvent} records and reports each press of the wanted key.
 *
 * <p>A device that disappears (unplugged: the read fails or the node is gone) is reported once as
 * lost and reopened when its path is back. A watcher checks every {@link #WATCH} that the path
 * still names the file that is open, because a FIFO standing in for the device (tests) or a node
 * recreated by udev gives the reader no error of its own.
 *
 * <p>Threading: one reader thread and one watcher thread per button; the listener is called on the
 * reader thread.
 */
final class EvdevButton implements WiredInput {

    static final Duration WATCH = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(EvdevButton.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private final ButtonSource.Evdev source;
    private final ScheduledExecutorService watcher;
    private volatile Thread reader;
    private volatile FileChannel open;
    private volatile Object openKey;
    private volatile boolean closed;

    EvdevButton(ButtonSource.Evdev source) {
        this.source = Objects.requireNonNull(source, "source");
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "button-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Thread thread = new Thread(() -> readLoop(listener), "button-" + source.path().getFileName());
        thread.setDaemon(true);
        reader = thread;
        thread.start();
        watcher.scheduleWithFixedDelay(this::checkStillThere, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readLoop(Listener listener) {
        boolean lost = false;
        ByteBuffer buffer = ByteBuffer.allocate(InputEvent.SIZE * 64);
        while (!closed) {
            String why;
            try (FileChannel channel = openDevice()) {
                open = channel;
                if (lost) {
                    lost = false;
                    log.info("call button {} is back", source.path());
                    listener.restored();
                }
                buffer.clear();
                while (!closed && channel.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.remaining() >= InputEvent.SIZE) {
                        if (InputEvent.decode(buffer).isPressOf(source.keyCode())) {
                            listener.pressed();
                        }
                    }
                    buffer.compact();
                }
                why = "device closed";
            } catch (IOException | RuntimeException e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                open = null;
                openKey = null;
            }
            if (closed) {
                return;
            }
            if (!lost) {
                // Reported once per outage, however often reopening fails meanwhile.
                lost = true;
                String reason = Files.exists(source.path()) ? why : "device removed";
                log.warn("call button {} lost: {}", source.path(), reason);
                listener.lost(reason);
            }
            pause();
        }
    }

    /**
     * A FIFO is opened for reading and writing: a read-only open would block until a writer comes
     * and see end-of-file whenever the writer goes, neither of which a real device does.
     */
    private FileChannel openDevice() throws IOException {
        Path path = source.path();
        boolean fifo = (((Integer) Files.getAttribute(path, "unix:mode")) & S_IFMT) == S_IFIFO;
        FileChannel channel = fifo
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        openKey = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        return channel;
    }

    /** Closes the open channel when its path is gone or names another file now; the reader then reopens. */
    private void checkStillThere() {
        FileChannel channel = open;
        Object key = openKey;
        if (channel == null || key == null) {
            return;
        }
        Object now;
        try {
            now = Files.readAttributes(source.path(), java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException gone) {
            now = null;
        }
        if (!key.equals(now) && !isLinkTo(key)) {
            closeQuietly(channel);
        }
    }

    /** by-path and by-id names are links to the event node: compare what they point at. */
    private boolean isLinkTo(Object key) {
        try {
            return key.equals(Files.readAttributes(source.path(), java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        } catch (IOException gone) {
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(WATCH.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing only to wake the reader
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.shutdownNow();
        FileChannel channel = open;
        if (channel != null) {
            closeQuietly(channel);
        }
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
