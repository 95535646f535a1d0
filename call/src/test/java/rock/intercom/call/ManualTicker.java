package rock.intercom.call;

import java.time.Duration;

/** A ticker the test moves by hand. */
final class ManualTicker implements Ticker {

    private long nanos = 1_000_000_000L;

    @Override
    public long nanos() {
        return nanos;
    }

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
