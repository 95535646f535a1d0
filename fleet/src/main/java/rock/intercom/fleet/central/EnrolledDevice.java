package rock.intercom.fleet.central;

/**
 * One enrolled device as the registry keeps it: {@code lastContactMs} 0 when never connected,
 * {@code settingsJson} its last reported (redacted) settings or null, {@code backlog} the events
 * it had not shipped at last contact.
 */
public record EnrolledDevice(String id, String name, boolean revoked, long lastContactMs, String settingsJson,
        long backlog) {
}
