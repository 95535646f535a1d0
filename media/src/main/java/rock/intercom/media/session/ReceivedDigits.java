package rock.intercom.media.session;

/**
 * The DTMF digits one call received, in arrival order, whatever carried them (RFC 4733 events or
 * SIP INFO). Bounded: a door code is a few digits, and a peer holding a key down or flooding
 * events cannot grow this past {@link #MAX}. Thread-safe.
 */
public final class ReceivedDigits {

    /** Digits kept per call. */
    public static final int MAX = 64;

    private final StringBuilder digits = new StringBuilder();

    /** Keeps {@code digit}; false, keeping nothing, once {@link #MAX} are kept. */
    public synchronized boolean keep(char digit) {
        if (digits.length() >= MAX) {
            return false;
        }
        digits.append(digit);
        return true;
    }

    /** The digits kept so far. */
    public synchronized String text() {
        return digits.toString();
    }
}
