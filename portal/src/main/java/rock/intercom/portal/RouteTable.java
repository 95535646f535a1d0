package rock.intercom.portal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static rock.intercom.portal.Access.ANYONE;
import static rock.intercom.portal.Access.MODIFY;
import static rock.intercom.portal.Access.VIEW;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import rock.intercom.portal.api.DevicesApi;
import rock.intercom.portal.api.OperationsApi;
import rock.intercom.portal.live.LiveFeeds;
import rock.intercom.portal.pages.PortalPages;
import rock.intercom.portal.pages.TokenPages;
import rock.intercom.portal.pages.UserPages;

/** Every route of the portal and its API, with the access each needs: the one place to review. */
public final class RouteTable {

    /** One route: method, path, who may call it, and the handler. */
    public record Route(HandlerType method, String path, Access access, Handler handler) {
    }

    private final List<Route> routes;

    public RouteTable(DevicesApi api, PortalPages pages, OperationsApi ops, LiveFeeds live, UserPages users,
            TokenPages tokens) {
        this(api, pages, ops, live, users, tokens, List.of());
    }

    /** The standard routes, then {@code extra} (e.g. a {@link PortalExtension}'s). */
    public RouteTable(DevicesApi api, PortalPages pages, OperationsApi ops, LiveFeeds live, UserPages users,
            TokenPages tokens, List<Route> extra) {
        List<Route> standard = List.of(
                // Operations (issue 15): liveness for monitors, metrics and diagnostics
                new Route(GET, "/api/v1/health", ANYONE, ops::health),
                new Route(GET, "/metrics", VIEW, ops::metrics),
                new Route(GET, "/api/v1/devices/{id}/sip-trace.pcap", MODIFY, ops::sipTrace),
                new Route(POST, "/api/v1/devices/{id}/self-test", MODIFY, ops::selfTest),
                // JSON API
                new Route(GET, "/api/v1/devices", VIEW, api::list),
                new Route(GET, "/api/v1/devices/live", VIEW, live::devicesStream),
                new Route(GET, "/api/v1/devices/{id}/status", VIEW, api::status),
                new Route(GET, "/api/v1/devices/{id}/live", VIEW, live::stream),
                new Route(GET, "/api/v1/devices/{id}/settings", VIEW, api::getSettings),
                new Route(PUT, "/api/v1/devices/{id}/settings", MODIFY, api::putSettings),
                new Route(POST, "/api/v1/devices/{id}/button", MODIFY, api::pressButton),
                new Route(POST, "/api/v1/devices/{id}/door", MODIFY, api::openDoor),
                // Video (issue 14): the call's received picture for whoever may watch the device; the
                // camera's view, which can be had without a call, for those who install and configure it.
                new Route(GET, "/api/v1/devices/{id}/calls/current/video.jpg", VIEW, api::receivedVideo),
                new Route(GET, "/api/v1/devices/{id}/camera.jpg", MODIFY, api::cameraView),
                new Route(GET, "/api/v1/events", VIEW, api::events),
                new Route(GET, "/api/v1/events.csv", VIEW, api::eventsCsv),
                // Admin Portal pages
                new Route(GET, "/assets/{file}", ANYONE, pages::asset),
                new Route(GET, "/sign-in", ANYONE, pages::signInForm),
                new Route(POST, "/sign-in", ANYONE, pages::signIn),
                new Route(POST, "/sign-out", VIEW, pages::signOut),
                new Route(GET, "/", VIEW, pages::home),
                new Route(GET, "/devices", VIEW, pages::devices),
                new Route(GET, "/devices/{id}", VIEW, pages::devicePage),
                new Route(POST, "/devices/{id}/button", MODIFY, pages::pressButton),
                new Route(POST, "/devices/{id}/door", MODIFY, pages::openDoor),
                new Route(GET, "/devices/{id}/modify", MODIFY, pages::modifyForm),
                new Route(POST, "/devices/{id}/modify", MODIFY, pages::modify),
                new Route(GET, "/security-events", VIEW, pages::securityEvents),
                new Route(GET, "/users", MODIFY, users::list),
                new Route(POST, "/users", MODIFY, users::add),
                new Route(POST, "/users/{name}/role", MODIFY, users::setRole),
                new Route(POST, "/users/{name}/password", MODIFY, users::resetPassword),
                new Route(POST, "/users/{name}/remove", MODIFY, users::remove),
                new Route(GET, "/api-tokens", MODIFY, tokens::list),
                new Route(POST, "/api-tokens", MODIFY, tokens::create),
                new Route(POST, "/api-tokens/{tokenId}/revoke", MODIFY, tokens::revoke),
                new Route(GET, "/account/password", VIEW, users::changeOwnForm),
                new Route(POST, "/account/password", VIEW, users::changeOwn));
        routes = java.util.stream.Stream.concat(standard.stream(), extra.stream()).toList();
    }

    public List<Route> routes() {
        return routes;
    }

    public void registerOn(RoutesConfig config) {
        for (Route route : routes) {
            config.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
        }
    }
}
