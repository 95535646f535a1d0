package rock.intercom.portal.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import rock.intercom.events.EventStore;
import rock.intercom.portal.AccessGuard;
import rock.intercom.portal.ApplyResult;
import rock.intercom.portal.AuditedSettings;
import rock.intercom.portal.Caller;
import rock.intercom.portal.DeviceControl;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.PortalProblem;
import rock.intercom.portal.SessionCookie;
import rock.intercom.portal.api.EventFilter;
import rock.intercom.portal.auth.PortalUser;
import rock.intercom.portal.auth.SessionStore;

/** Handlers of the server-rendered Admin Portal pages; access was checked before they run. */
public final class PortalPages {

    private static final List<String> ASSETS = List.of("portal.css", "portal.js");

    private final DeviceDirectory devices;
    private final EventStore events;
    private final AuditedSettings settings;
    private final BrowserSessions browser;

    public PortalPages(DeviceDirectory devices, EventStore events, AuditedSettings settings, BrowserSessions browser) {
        this.devices = devices;
        this.events = events;
        this.settings = settings;
        this.browser = browser;
    }

    public void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (!ASSETS.contains(file)) {
            throw new PortalProblem(404, "no such file");
        }
        try (InputStream in = PortalPages.class.getResourceAsStream("/rock/intercom/portal/assets/" + file)) {
            if (in == null) {
                throw new PortalProblem(404, "no such file");
            }
            ctx.contentType(file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                    .header("Cache-Control", "no-cache")
                    .result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void signInForm(Context ctx) {
        if (browser.sessions().touch(ctx.cookie(SessionCookie.SESSION)).isPresent()) {
            ctx.redirect("/devices", HttpStatus.SEE_OTHER);
            return;
        }
        String token = SessionStore.randomToken();
        browser.cookies().set(ctx, SessionCookie.SIGN_IN, token);
        ctx.html(SignInPage.render(token, "", null));
    }

    public void signIn(Context ctx) {
        if (!tokensEqual(ctx.formParam("_csrf"), ctx.cookie(SessionCookie.SIGN_IN))) {
            throw new PortalProblem(403, "the sign-in form has expired or came from another site: reload it");
        }
        String username = ctx.formParam("username") == null ? "" : ctx.formParam("username").trim();
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        String token = ctx.cookie(SessionCookie.SIGN_IN);
        PortalUser user;
        try {
            user = browser.guard().verify(username, password.toCharArray(), ctx.ip(), "portal");
        } catch (AccessGuard.RateLimited e) {
            ctx.status(429).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                    .html(SignInPage.render(token, username, e.getMessage()));
            return;
        } catch (PortalProblem e) {
            ctx.status(401).html(SignInPage.render(token, username, "Wrong user name or password."));
            return;
        }
        browser.start(ctx, user);
        browser.cookies().clear(ctx, SessionCookie.SIGN_IN);
        browser.audit().signedIn(user, ctx.ip());
        ctx.redirect("/devices", HttpStatus.SEE_OTHER);
    }

    public void signOut(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (caller.session() != null) {
            browser.sessions().end(caller.session().id());
        }
        browser.cookies().clear(ctx, SessionCookie.SESSION);
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    public void home(Context ctx) {
        ctx.redirect("/devices", HttpStatus.SEE_OTHER);
    }

    public void devices(Context ctx) {
        String notice = "1".equals(ctx.queryParam("revoked"))
                ? "Device credential revoked: the device is disconnected and must enrol again." : null;
        ctx.html(DevicesPage.render(devices.devices(), Caller.of(ctx), devices.enrolsDevices(), notice, null));
    }

    public void devicePage(Context ctx) {
        String notice = "1".equals(ctx.queryParam("pressed")) ? "Call button pressed."
                : "1".equals(ctx.queryParam("opened")) ? "Door opened." : null;
        ctx.html(DevicePage.render(device(ctx), Caller.of(ctx), notice));
    }

    public void pressButton(Context ctx) {
        DeviceControl device = device(ctx);
        device.pressButton();
        ctx.redirect("/devices/" + device.id() + "?pressed=1", HttpStatus.SEE_OTHER);
    }

    public void openDoor(Context ctx) {
        DeviceControl device = device(ctx);
        var refused = device.openDoor(Caller.of(ctx).user().username(), "portal");
        if (refused.isPresent()) {
            // Rendered, not redirected: a reason in a URL would let any link put words in the notice.
            ctx.status(HttpStatus.CONFLICT).html(DevicePage.render(device, Caller.of(ctx), "Door not opened: " + refused.get()));
            return;
        }
        ctx.redirect("/devices/" + device.id() + "?opened=1", HttpStatus.SEE_OTHER);
    }

    public void modifyForm(Context ctx) {
        DeviceControl device = device(ctx);
        ObjectNode view = device.settingsView();
        String notice = "1".equals(ctx.queryParam("saved"))
                ? "Settings applied. The device uses them now; no reboot is needed." : null;
        ctx.html(DeviceConfigurationPage.render(device, view, view, Map.of(), Caller.of(ctx), notice));
    }

    public void modify(Context ctx) {
        DeviceControl device = device(ctx);
        ObjectNode view = device.settingsView();
        UploadedFile upload = ctx.uploadedFile(SettingsFormReader.CA_FILE_FIELD);
        byte[] pem = null;
        if (upload != null && upload.size() > 0) {
            try (InputStream in = upload.content()) {
                pem = in.readNBytes(SettingsFormReader.MAX_PEM_BYTES + 1);
            } catch (IOException e) {
                throw PortalProblem.badRequest("the certificate upload could not be read");
            }
        }
        SettingsFormReader.Reading reading = SettingsFormReader.read(ctx.formParamMap(), pem, view);
        Caller caller = Caller.of(ctx);
        if (!reading.errors().isEmpty()) {
            ctx.status(422).html(DeviceConfigurationPage.render(device, reading.document(), view, reading.errors(),
                    caller, null));
            return;
        }
        ApplyResult result = settings.apply(device, reading.document(), caller.user(), "portal");
        if (result instanceof ApplyResult.Rejected rejected) {
            ctx.status(422).html(DeviceConfigurationPage.render(device, reading.document(), view, rejected.errors(),
                    caller, null));
        } else {
            ctx.redirect("/devices/" + device.id() + "/modify?saved=1", HttpStatus.SEE_OTHER);
        }
    }

    public void securityEvents(Context ctx) {
        Caller caller = Caller.of(ctx);
        EventFilter filter;
        try {
            filter = EventFilter.parse(ctx.queryParamMap());
        } catch (PortalProblem e) {
            ctx.status(e.status()).html(SecurityEventsPage.render(null, List.of(), devices.devices(), caller,
                    e.getMessage()));
            return;
        }
        ctx.html(SecurityEventsPage.render(filter, events.query(filter.toQuery()), devices.devices(), caller, null));
    }

    private DeviceControl device(Context ctx) {
        String id = ctx.pathParam("id");
        return devices.find(id).orElseThrow(() -> PortalProblem.unknownDevice(id));
    }

    private static boolean tokensEqual(String a, String b) {
        return a != null && b != null && java.security.MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
