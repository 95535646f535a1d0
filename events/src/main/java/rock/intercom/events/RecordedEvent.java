package rock.intercom.events;

import java.time.Instant;

/** An event recorded elsewhere at {@code time} (a fleet device's), to be stored with that time. */
public record RecordedEvent(NewEvent event, Instant time) {

    public RecordedEvent {
        if (event == null || time == null) {
            throw new IllegalArgumentException("a recorded event needs the event and its time");
        }
    }
}
