package rock.intercom.app.door;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call button on a GPIO line, for boards without a {@code gpio-keys} node: Debian's libgpiod
 * {@code gpiomon} (1.6) watches the line and prints one line per edge. When gpiomon exits (chip
 * gone, line taken) the input is reported lost and gpiomon is started again every two seconds.
 * This kernel has no {@code gpio-sim}, so this path is checked by hand on a board (README).
 */
final class GpioButton implements WiredInput {

    private static final Logger log = LoggerFactory.getLogger(GpioButton.class);
    private static final long RETRY_MILLIS = 2_000;

    private final ButtonSource.Gpio source;
    private volatile Process process;
    private volatile boolean closed;
    private Thread thread;

    GpioButton(ButtonSource.Gpio source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The gpiomon command line for this line (libgpiod 1.6 syntax). */
    List<String> command() {
        return List.of("gpiomon", source.fallingEdge() ? "--falling-edge" : "--rising-edge",
                source.chip(), Integer.toString(source.line()));
    }

    @Override
    public void start(Listener listener) {
        thread = new Thread(() -> run(listener), "button-gpio-" + source.line());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Listener listener) {
        boolean lost = false;
        while (!closed) {
            String why;
            try {
                Process started = new ProcessBuilder(command()).redirectErrorStream(true).start();
                process = started;
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    String last = "gpiomon exited";
                    while ((line = lines.readLine()) != null) {
                        if (line.contains("EDGE")) {
                            if (lost) {
                                lost = false;
                                listener.restored();
                            }
                            listener.pressed();
                        } else if (!line.isBlank()) {
                            last = line.length() > 200 ? line.substring(0, 200) : line;
                        }
                    }
                    why = last;
                }
            } catch (IOException e) {
                why = "gpiomon: " + e.getMessage();
            }
            if (closed) {
                return;
            }
            if (!lost) {
                lost = true;
                log.warn("call button gpio {}:{} lost: {}", source.chip(), source.line(), why);
                listener.lost(why);
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Process running = process;
        if (running != null) {
            running.destroy();
            try {
                running.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
