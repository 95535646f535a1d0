package rock.intercom.portal.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import rock.intercom.portal.AccessGuard;
import rock.intercom.portal.Caller;
import rock.intercom.portal.PortalProblem;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.UserDirectory;

/**
 * The handlers of the Users page and of "Change my password". Every change is recorded as a User
 * Changed event (never with a password) and is live at once: a removed user's sessions end, a
 * new role applies to the next request, a new password ends the user's other sessions.
 */
public final class UserPages {

    /** What a redirect after a change may say: fixed texts, so a link cannot put words on the page. */
    private static final Map<String, String> NOTICES = Map.of(
            "added", "User added.", "role", "Role changed.", "password", "Password reset; that user's sessions are signed out.",
            "removed", "User removed.", "own", "Your password was changed; your other sessions are signed out.");

    private final UserDirectory users;
    private final BrowserSessions browser;

    public UserPages(UserDirectory users, BrowserSessions browser) {
        this.users = users;
        this.browser = browser;
    }

    public void list(Context ctx) {
        ctx.html(UsersPage.render(users.list(), Caller.of(ctx), notice(ctx), null));
    }

    public void add(Context ctx) {
        Caller caller = Caller.of(ctx);
        String username = text(ctx, "username");
        if (users.find(username).isPresent()) {
            refuse(ctx, 409, "There is already a user with that name: reset their password or change their role below.");
            return;
        }
        change(ctx, () -> users.put(username, password(ctx), role(ctx)), () ->
                browser.audit().userChanged(caller.user(), username, "added as " + role(ctx).name()), "added");
    }

    public void setRole(Context ctx) {
        Caller caller = Caller.of(ctx);
        String username = ctx.pathParam("name");
        change(ctx, () -> users.setRole(username, role(ctx)), () ->
                browser.audit().userChanged(caller.user(), username, "role " + role(ctx).name()), "role");
    }

    public void resetPassword(Context ctx) {
        Caller caller = Caller.of(ctx);
        String username = ctx.pathParam("name");
        boolean self = username.equals(caller.user().username());
        change(ctx, () -> users.setPassword(username, password(ctx)), () -> {
            browser.audit().userChanged(caller.user(), username, "password reset");
            browser.sessions().endAllOf(username, self ? caller.session().id() : null);
            if (self) {
                renew(ctx, caller);
            }
        }, "password");
    }

    public void remove(Context ctx) {
        Caller caller = Caller.of(ctx);
        String username = ctx.pathParam("name");
        if (username.equals(caller.user().username())) {
            refuse(ctx, 409, "You cannot remove yourself: another Account Administrator can.");
            return;
        }
        change(ctx, () -> users.remove(username), () -> {
            browser.audit().userChanged(caller.user(), username, "removed");
            browser.sessions().endAllOf(username, null);
        }, "removed");
    }

    public void changeOwnForm(Context ctx) {
        ctx.html(UsersPage.changePassword(Caller.of(ctx), notice(ctx), null));
    }

    public void changeOwn(Context ctx) {
        Caller caller = Caller.of(ctx);
        String username = caller.user().username();
        try {
            String current = ctx.formParam("current") == null ? "" : ctx.formParam("current");
            browser.guard().verify(username, current.toCharArray(), ctx.ip(), "portal");
        } catch (AccessGuard.RateLimited e) {
            ctx.status(429).html(UsersPage.changePassword(caller, null, e.getMessage()));
            return;
        } catch (PortalProblem wrong) {
            ctx.status(403).html(UsersPage.changePassword(caller, null, "The current password is wrong."));
            return;
        }
        try {
            users.setPassword(username, password(ctx));
        } catch (IllegalArgumentException e) {
            ctx.status(422).html(UsersPage.changePassword(caller, null, "Not changed: " + e.getMessage() + "."));
            return;
        }
        browser.audit().userChanged(caller.user(), username, "password changed");
        browser.sessions().endAllOf(username, caller.session() == null ? null : caller.session().id());
        renew(ctx, caller);
        ctx.redirect("/account/password?done=own", HttpStatus.SEE_OTHER);
    }

    /** The caller's own session outlives their password change: a new one with the new stamp. */
    private void renew(Context ctx, Caller caller) {
        if (caller.session() == null) {
            return;
        }
        browser.sessions().end(caller.session().id());
        browser.start(ctx, caller.user());
    }

    private void change(Context ctx, Runnable apply, Runnable after, String done) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            refuse(ctx, 422, "Nothing was changed: " + e.getMessage() + ".");
            return;
        }
        after.run();
        ctx.redirect("/users?done=" + done, HttpStatus.SEE_OTHER);
    }

    private void refuse(Context ctx, int status, String problem) {
        ctx.status(status).html(UsersPage.render(users.list(), Caller.of(ctx), null, problem));
    }

    private static String notice(Context ctx) {
        String done = ctx.queryParam("done");
        return done == null ? null : NOTICES.get(done);
    }

    private static String text(Context ctx, String field) {
        String value = ctx.formParam(field);
        return value == null ? "" : value.trim();
    }

    private static char[] password(Context ctx) {
        String value = ctx.formParam("password");
        return value == null ? new char[0] : value.toCharArray();
    }

    private static Role role(Context ctx) {
        try {
            return Role.valueOf(text(ctx, "role"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the role must be VIEWER or ACCOUNT_ADMINISTRATOR");
        }
    }

}
