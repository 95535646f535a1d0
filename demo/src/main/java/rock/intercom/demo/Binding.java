package rock.intercom.demo;

import java.time.Instant;

/** One registered contact of a user (RFC 3261 §10.3): where to reach them until {@code expires}. */
public record Binding(String user, String contact, Instant expires) {
}
