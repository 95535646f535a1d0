package rock.intercom.fleet.central;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.function.Predicate;
import rock.intercom.portal.Caller;
import rock.intercom.portal.pages.DevicesPage;

/**
 * The central portal's additions to the Devices page: make a one-time enrolment token (shown on
 * that one response with the device's command line, never again) and revoke a device.
 */
final class FleetPages {

    private final FleetRegistry registry;
    private final FleetDirectory directory;
    private final Duration tokenValidity;
    private final Predicate<String> revoker;

    FleetPages(FleetRegistry registry, FleetDirectory directory, Duration tokenValidity, Predicate<String> revoker) {
        this.registry = registry;
        this.directory = directory;
        this.tokenValidity = tokenValidity;
        this.revoker = revoker;
    }

    void createToken(Context ctx) {
        String token = registry.createToken(tokenValidity);
        // Rendered, not redirected: the token must not travel in a URL.
        ctx.status(201).html(DevicesPage.render(directory.devices(), Caller.of(ctx), true, null,
                new DevicesPage.NewEnrolmentToken(token, portalUrl(ctx), tokenValidity.toHours())));
    }

    void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!revoker.test(id)) {
            ctx.status(404).html(DevicesPage.render(directory.devices(), Caller.of(ctx), true,
                    "No such device (already revoked?).", null));
            return;
        }
        ctx.redirect("/devices?revoked=1", HttpStatus.SEE_OTHER);
    }

    /** This portal as the administrator reached it: the address a door on the same network would use. */
    private static String portalUrl(Context ctx) {
        String host = ctx.host();
        if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = "PORTAL:PORT";
        }
        return ctx.scheme() + "://" + host;
    }
}
