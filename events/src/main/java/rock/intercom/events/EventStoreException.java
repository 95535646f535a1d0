package rock.intercom.events;

/** The event store could not read or write its database; the cause says why. */
public class EventStoreException extends RuntimeException {

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
