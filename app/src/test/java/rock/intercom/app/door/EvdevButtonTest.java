package rock.intercom.app.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a FIFO standing in for the button's input-event node, when records are written to it,
 * then only presses of the wanted key are reported; removing the FIFO is an unplug, recreating it
 * a plug.
 */
class EvdevButtonTest {

    @TempDir
    Path dir;

    private final List<String> reports = new CopyOnWriteArrayList<>();

    private final WiredInput.Listener listener = new WiredInput.Listener() {
        @Override
        public void pressed() {
            reports.add("pressed");
        }

        @Override
        public void lost(String reason) {
            reports.add("lost: " + reason);
        }

        @Override
        public void restored() {
            reports.add("restored");
        }
    };

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
    }

    static void write(Path fifo, InputEvent... events) throws IOException {
        try (OutputStream out = Files.newOutputStream(fifo)) {
            for (InputEvent event : events) {
                out.write(event.encode());
            }
        }
    }

    @Test
    void pressesOfTheWantedKeyAreReportedReleasesAndOtherKeysAreNot() throws Exception {
        Path fifo = dir.resolve("event-button");
        mkfifo(fifo);
        try (WiredInput button = WiredInput.of(new ButtonSource.Evdev(fifo, 148))) {
            button.start(listener);
            write(fifo, new InputEvent(InputEvent.EV_KEY, 148, 1), new InputEvent(0, 0, 0),
                    new InputEvent(InputEvent.EV_KEY, 148, 2), new InputEvent(InputEvent.EV_KEY, 148, 0),
                    new InputEvent(InputEvent.EV_KEY, 28, 1), new InputEvent(InputEvent.EV_KEY, 148, 1));
            await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() >= 2);
            // A writer closing is no unplug: the next writer's press still arrives.
            write(fifo, new InputEvent(InputEvent.EV_KEY, 148, 1));
            await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() >= 3);
            assertThat(reports).containsExactly("pressed", "pressed", "pressed");
        }
    }

    @Test
    void anUnpluggedDeviceIsLostOnceAndRestoredWhenItComesBack() throws Exception {
        Path fifo = dir.resolve("event-usb");
        mkfifo(fifo);
        try (WiredInput button = WiredInput.of(new ButtonSource.Evdev(fifo, -1))) {
            button.start(listener);
            write(fifo, new InputEvent(InputEvent.EV_KEY, 30, 1));
            await().atMost(Duration.ofSeconds(5)).until(() -> reports.contains("pressed"));

            Files.delete(fifo);
            await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() >= 2);
            Thread.sleep(3 * EvdevButton.WATCH.toMillis()); // still gone: no second "lost"
            mkfifo(fifo);
            await().atMost(Duration.ofSeconds(5)).until(() -> reports.contains("restored"));
            write(fifo, new InputEvent(InputEvent.EV_KEY, 30, 1));
            await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() >= 4);
            assertThat(reports).containsExactly("pressed", "lost: device removed", "restored", "pressed");
        }
    }

    @Test
    void aButtonMissingAtStartIsLostUntilItAppears() throws Exception {
        Path fifo = dir.resolve("event-late");
        try (WiredInput button = WiredInput.of(new ButtonSource.Evdev(fifo, -1))) {
            button.start(listener);
            await().atMost(Duration.ofSeconds(5)).until(() -> !reports.isEmpty());
            mkfifo(fifo);
            await().atMost(Duration.ofSeconds(5)).until(() -> reports.contains("restored"));
            assertThat(reports).containsExactly("lost: device removed", "restored");
        }
    }
}
