package rock.intercom.events;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child process of {@link EventStoreCrashTest}: appends events to the store under {@code args[0]}
 * and prints {@code ACK <id>} after each append returns, until it is killed.
 */
public final class AppendUntilKilled {

    private AppendUntilKilled() {
    }

    public static void main(String[] args) {
        SqliteEventStore store = SqliteEventStore.open(Path.of(args[0]));
        for (int attempt = 1; ; attempt++) {
            SecurityEvent event = store.append(NewEvent.of("rockx-505", SecurityEventName.DIALING,
                    Map.of("attempt", attempt, "callId", "crash-" + attempt)));
            System.out.println("ACK " + event.id());
            System.out.flush();
        }
    }
}
