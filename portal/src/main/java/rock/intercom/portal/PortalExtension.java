package rock.intercom.portal;

import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * What a deployment adds to the portal: more routes (served and listed through {@link RouteTable},
 * checked by the same guard) and server settings such as WebSocket endpoints, e.g. the fleet's
 * enrolment and device links.
 */
public interface PortalExtension {

    /** No additions: the portal of one device. */
    PortalExtension NONE = List::of;

    /** Routes added after the standard ones. */
    List<RouteTable.Route> routes();

    /** Called once while the server is configured, after the routes are registered. */
    default void configure(JavalinConfig config) {
    }
}
