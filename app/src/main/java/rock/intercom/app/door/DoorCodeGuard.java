package rock.intercom.app.door;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Decides what the DTMF digits of a call do to the door: the door release code opens it; wrong
 * codes are counted against the call ({@link #WRONG_PER_CALL}: the rest of that call's digits are
 * ignored) and the device ({@link #WRONG_PER_DEVICE} within {@link #WINDOW} lock release for
 * {@link #LOCK}), so that a caller cannot try the code space.
 *
 * <p>An entry is as many digits as the code has; a pause over {@link #ENTRY_GAP} starts a new one.
 * Entries are compared in constant time. Pure: no clock or thread of its own; one caller at a time
 * (the call thread).
 */
public final class DoorCodeGuard {

    static final int WRONG_PER_CALL = 3;
    static final int WRONG_PER_DEVICE = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration ENTRY_GAP = Duration.ofSeconds(5);

    /** What one received digit did. */
    public sealed interface Verdict {
        /** Part of an entry; nothing to do yet. */
        record Collecting() implements Verdict {
        }

        /** The entry was the code: open the door. */
        record Open() implements Verdict {
        }

        /** The entry was refused: a wrong code ({@code attempt} of the call's {@link #WRONG_PER_CALL}) or release is locked. */
        record Refused(String reason, int attempt, boolean lockedNow, Instant lockedUntil) implements Verdict {
        }

        /** The call used up its attempts; its digits are ignored, unrecorded. */
        record Ignored() implements Verdict {
        }
    }

    private final Deque<Instant> deviceWrong = new ArrayDeque<>();
    private Instant lockedUntil = Instant.MIN;
    private String callId;
    private final StringBuilder entry = new StringBuilder();
    private Instant lastDigit;
    private int wrongInCall;

    /** One digit of call {@code callId} at {@code now}, against {@code code} (1-8 of {@code 0-9*#}). */
    public Verdict digit(String callId, char digit, String code, Instant now) {
        Objects.requireNonNull(code, "code");
        if (!Objects.equals(this.callId, callId)) {
            this.callId = callId;
            entry.setLength(0);
            wrongInCall = 0;
            lastDigit = null;
        }
        if (wrongInCall >= WRONG_PER_CALL) {
            return new Verdict.Ignored();
        }
        if (lastDigit != null && Duration.between(lastDigit, now).compareTo(ENTRY_GAP) > 0) {
            entry.setLength(0);
        }
        lastDigit = now;
        entry.append(digit);
        if (entry.length() < code.length()) {
            return new Verdict.Collecting();
        }
        boolean matches = MessageDigest.isEqual(entry.toString().getBytes(StandardCharsets.US_ASCII),
                code.getBytes(StandardCharsets.US_ASCII));
        entry.setLength(0);
        if (now.isBefore(lockedUntil)) {
            wrongInCall++;
            return new Verdict.Refused("door release locked", wrongInCall, false, lockedUntil);
        }
        if (matches) {
            return new Verdict.Open();
        }
        wrongInCall++;
        deviceWrong.addLast(now);
        while (!deviceWrong.isEmpty() && Duration.between(deviceWrong.peekFirst(), now).compareTo(WINDOW) > 0) {
            deviceWrong.removeFirst();
        }
        boolean lockNow = deviceWrong.size() >= WRONG_PER_DEVICE;
        if (lockNow) {
            lockedUntil = now.plus(LOCK);
            deviceWrong.clear();
        }
        return new Verdict.Refused("wrong code", wrongInCall, lockNow, lockNow ? lockedUntil : null);
    }

    /** Whether DTMF release is locked at {@code now}; an administrator's remote release is not affected. */
    public boolean locked(Instant now) {
        return now.isBefore(lockedUntil);
    }
}
