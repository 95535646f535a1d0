package rock.intercom.app.door;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A relay on a GPIO line through libgpiod 1.6's {@code gpioset}. gpioset releases the line when it
 * exits, so the energised state is held by a gpioset that waits for a signal, and the release is
 * that process ending plus an explicit {@code LINE=0}.
 */
final class GpiosetDoorRelay extends PulsedRelay {

    private final String chip;
    private final int line;
    private Process holding;

    GpiosetDoorRelay(String chip, int line) {
        this.chip = chip;
        this.line = line;
    }

    @Override
    void write(boolean energised) throws Exception {
        if (energised) {
            if (holding == null || !holding.isAlive()) {
                holding = new ProcessBuilder(List.of("gpioset", "--mode=signal", chip, line + "=1"))
                        .redirectErrorStream(true).start();
                // A missing chip or a line in use makes gpioset exit at once; holding means it worked.
                if (holding.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("gpioset " + chip + " " + line + "=1 exited with " + holding.exitValue());
                }
            }
            return;
        }
        if (holding != null) {
            holding.destroy();
            holding.waitFor(1, TimeUnit.SECONDS);
            holding = null;
        }
        Process off = new ProcessBuilder(List.of("gpioset", chip, line + "=0")).redirectErrorStream(true).start();
        if (!off.waitFor(2, TimeUnit.SECONDS) || off.exitValue() != 0) {
            off.destroyForcibly();
            throw new IllegalStateException("gpioset " + chip + " " + line + "=0 failed");
        }
    }
}
