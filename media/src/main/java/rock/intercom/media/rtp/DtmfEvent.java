package rock.intercom.media.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The RTP packets that carry one DTMF digit per RFC 4733 §2.5.1: all share the timestamp of the
 * event start; the first has the marker bit; each 20 ms packet repeats the event with the
 * duration so far; the final duration is sent three times with the E bit (§2.5.1.4).
 */
public final class DtmfEvent {
    /** Digit length on the wire: 100 ms, well above the 40 ms receivers need. */
    public static final int DURATION_MS = 100;
    /** Volume field: 10 means −10 dBm0, the usual DTMF level. */
    public static final int VOLUME = 10;
    private static final int END_REPEATS = 3;

    private DtmfEvent() {
    }

    /** One packet's worth: the payload and whether it starts the event (marker). */
    public record Step(TelephoneEvent event, boolean marker) {
    }

    /** The payloads for {@code digit} at {@code clockRate} with 20 ms packets. */
    public static List<Step> steps(char digit, int clockRate) {
        int code = TelephoneEvent.eventOf(digit);
        if (code < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        int step = clockRate / 50;
        int total = clockRate * DURATION_MS / 1000;
        List<Step> out = new ArrayList<>();
        for (int d = step; d < total; d += step) {
            out.add(new Step(new TelephoneEvent(code, false, VOLUME, d), out.isEmpty()));
        }
        for (int i = 0; i < END_REPEATS; i++) {
            out.add(new Step(new TelephoneEvent(code, true, VOLUME, total), false));
        }
        return out;
    }
}
