package rock.intercom.portal.live;

import java.time.Instant;
import java.util.Objects;

/**
 * One screen the door showed, when: {@code kind} is the screen's call state ({@code DIALING},
 * {@code RINGING}, {@code INCOMING}, {@code CONNECTED}, {@code CALL_FAILED}, {@code IDLE}) and
 * {@code text} what it said ({@code Dialing 400…}).
 */
public record ScreenChange(String kind, String text, Instant at) {

    public ScreenChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    /** True while a call is being set up or held: the call button then ends it. */
    public boolean inCall() {
        return switch (kind) {
            case "DIALING", "RINGING", "INCOMING", "CONNECTED" -> true;
            default -> false;
        };
    }
}
