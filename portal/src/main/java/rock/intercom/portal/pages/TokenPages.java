package rock.intercom.portal.pages;

import static rock.intercom.portal.pages.Html.esc;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import rock.intercom.portal.AuditLog;
import rock.intercom.portal.Caller;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.TokenDirectory;

/**
 * API tokens (Account Administrators): the tokens with their role, who made them and when; create
 * one (its secret is shown on that one response and never again) and revoke one.
 */
public final class TokenPages {

    private final TokenDirectory tokens;
    private final AuditLog audit;
    private final Clock clock;

    public TokenPages(TokenDirectory tokens, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    public void list(Context ctx) {
        String notice = "revoked".equals(ctx.queryParam("done")) ? "Token revoked: it no longer works." : null;
        ctx.html(render(Caller.of(ctx), notice, null, null));
    }

    public void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        TokenDirectory.Created created;
        try {
            Role role = Role.valueOf(String.valueOf(ctx.formParam("role")));
            created = tokens.create(name, role, caller.user().username(), clock.instant());
        } catch (IllegalArgumentException e) {
            ctx.status(422).html(render(caller, null, "Not created: " + (e.getMessage().startsWith("No enum")
                    ? "the role must be VIEWER or ACCOUNT_ADMINISTRATOR" : e.getMessage()) + ".", null));
            return;
        }
        audit.userChanged(caller.user(), "token:" + name, "API token created (" + created.token().role().name() + ")");
        // Rendered, not redirected: the secret must not travel in a URL, and it is shown this once.
        ctx.status(201).html(render(caller, null, null, created));
    }

    public void revoke(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("tokenId");
        String name = tokens.list().stream().filter(t -> t.id().equals(id)).map(TokenDirectory.Token::name).findFirst()
                .orElse(null);
        if (name == null) {
            ctx.status(404).html(render(caller, null, "No such token (already revoked?).", null));
            return;
        }
        tokens.revoke(id);
        audit.userChanged(caller.user(), "token:" + name, "API token revoked");
        ctx.redirect("/api-tokens?done=revoked", HttpStatus.SEE_OTHER);
    }

    private String render(Caller caller, String notice, String problem, TokenDirectory.Created created) {
        StringBuilder body = new StringBuilder("<h1>API tokens</h1><p class=\"help\">For integrations such as an access-control "
                + "server: send <code>Authorization: Bearer TOKEN</code> to <code>/api/v1</code>. A token has a role like a user; "
                + "people sign in with their password instead.</p>");
        if (notice != null) {
            body.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
        }
        if (problem != null) {
            body.append("<p class=\"problem\" role=\"alert\">").append(esc(problem)).append("</p>");
        }
        if (created != null) {
            body.append("<div class=\"notice\" role=\"status\" id=\"new-token\"><p>Token <strong>").append(esc(created.token().name()))
                    .append("</strong> created. Copy it now: it is shown only this once.</p><p><code id=\"new-token-secret\">")
                    .append(esc(created.secret())).append("</code></p></div>");
        }
        body.append("<div class=\"table-wrap\"><table class=\"grid\" id=\"api-tokens\"><caption>Tokens</caption><thead><tr>")
                .append("<th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Created</th>")
                .append("<th scope=\"col\">Revoke</th></tr></thead><tbody>");
        for (TokenDirectory.Token token : tokens.list()) {
            body.append("<tr data-token=\"").append(esc(token.name())).append("\"><td data-label=\"Name\">").append(esc(token.name()))
                    .append("</td><td data-label=\"Role\">").append(Layout.roleLabel(token.role()))
                    .append("</td><td data-label=\"Created\">").append(esc(token.createdAt().toString())).append(" by ")
                    .append(esc(token.createdBy())).append("</td><td data-label=\"Revoke\"><form method=\"post\" action=\"/api-tokens/")
                    .append(esc(token.id())).append("/revoke\" class=\"inline-form\">").append(Layout.csrfField(caller))
                    .append("<button type=\"submit\" aria-label=\"Revoke ").append(esc(token.name())).append("\">Revoke</button>")
                    .append("</form></td></tr>");
        }
        if (tokens.list().isEmpty()) {
            body.append("<tr><td colspan=\"4\">No tokens.</td></tr>");
        }
        body.append("</tbody></table></div><h2>Create a token</h2><form method=\"post\" action=\"/api-tokens\" id=\"create-token\">")
                .append(Layout.csrfField(caller))
                .append("<div class=\"field\"><label for=\"token-name\">Name</label><input id=\"token-name\" name=\"name\" ")
                .append("autocomplete=\"off\" aria-describedby=\"token-name-help\"><p class=\"help\" id=\"token-name-help\">Who uses it, ")
                .append("e.g. access-control. 1-64 letters, digits, '.', '_' or '-'.</p></div>")
                .append("<div class=\"field\"><label for=\"token-role\">Role</label><select id=\"token-role\" name=\"role\">")
                .append("<option value=\"VIEWER\">Viewer</option><option value=\"ACCOUNT_ADMINISTRATOR\">Account Administrator")
                .append("</option></select></div><button type=\"submit\" class=\"primary\">Create token</button></form>");
        return Layout.page("API tokens", caller, "api-tokens", body.toString());
    }
}
