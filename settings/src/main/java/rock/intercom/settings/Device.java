package rock.intercom.settings;

/** Who the door device is: a stable id (used in the API and in events) and a human name. */
public record Device(String id, String name) {
}
