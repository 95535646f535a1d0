package rock.intercom.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.portal.PortalFixture.ADMIN;
import static rock.intercom.portal.PortalFixture.ADMIN_PASSWORD;
import static rock.intercom.portal.PortalFixture.VIEWER;
import static rock.intercom.portal.PortalFixture.VIEWER_PASSWORD;
import static rock.intercom.portal.PortalFixture.basic;
import static rock.intercom.portal.PortalFixture.formBody;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.events.EventQuery;

/** Sessions, CSRF, cross-site posts, sign-in rate limit, roles on pages, and secrets in responses. */
class PortalSecurityTest {

    @TempDir
    static Path dataDir;
    static PortalFixture portal;
    static final String SIP_SECRET = "Sip-secret-7781";
    static final String PROXY_SECRET = "Proxy-secret-9902";

    @BeforeAll
    static void start() {
        portal = new PortalFixture(dataDir, PortalOptions.defaults()
                .withLoginLimit(3, Duration.ofMinutes(15), Duration.ofMinutes(5)));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    HttpResponse<String> formPost(String path, String cookie, Map<String, String> fields) {
        return portal.send(portal.request(path).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(fields))).build());
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() {
        PortalFixture.Session session = portal.signIn(VIEWER, VIEWER_PASSWORD);
        String setCookie = session.signInResponse().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("intercom_session=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    }

    static boolean storeKnowsSignedIn() {
        return rock.intercom.events.SecurityEventName.fromLabel(AuditLog.SIGNED_IN).isPresent();
    }

    /** Runs once the events module names "Signed In" (SecurityEventName.SIGNED_IN); skipped, not passed, before. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIf("storeKnowsSignedIn")
    void signInIsAuditedWithWho() {
        portal.signIn(VIEWER, VIEWER_PASSWORD);
        var signIns = portal.events.query(new EventQuery(null, Set.of("Signed In"), null, null, null, 50));
        assertThat(signIns).anySatisfy(e -> assertThat(e.details()).containsEntry("user", VIEWER));
    }

    @Test
    void formPostWithoutTheCsrfTokenIsRefused() {
        PortalFixture.Session session = portal.signIn(ADMIN, ADMIN_PASSWORD);
        int before = portal.door.presses();
        HttpResponse<String> missing = formPost("/devices/rockx-505/button", session.cookie(), Map.of());
        assertThat(missing.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = formPost("/devices/rockx-505/button", session.cookie(), Map.of("_csrf", "forged"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(portal.door.presses()).isEqualTo(before);

        HttpResponse<String> ok = formPost("/devices/rockx-505/button", session.cookie(), Map.of("_csrf", session.csrf()));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(portal.door.presses()).isEqualTo(before + 1);
    }

    @Test
    void apiCallsWithTheSessionCookieNeedTheCsrfHeader() {
        PortalFixture.Session session = portal.signIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> without = portal.send(portal.request("/api/v1/devices/rockx-506/button")
                .header("Cookie", session.cookie()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(without.statusCode()).isEqualTo(403);
        HttpResponse<String> with = portal.send(portal.request("/api/v1/devices/rockx-506/button")
                .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrf())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(with.statusCode()).isEqualTo(202);
    }

    @Test
    void crossSitePostIsRefusedEvenWithAValidToken() {
        PortalFixture.Session session = portal.signIn(ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> response = portal.send(portal.request("/devices/rockx-505/button")
                .header("Cookie", session.cookie()).header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(Map.of("_csrf", session.csrf())))).build());
        assertThat(response.statusCode()).isEqualTo(403);
        HttpResponse<String> fetchSite = portal.send(portal.request("/api/v1/devices/rockx-505/button")
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD)).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(fetchSite.statusCode()).isEqualTo(403);
    }

    @Test
    void signInFormWithoutItsTokenIsRefused() {
        HttpResponse<String> response = portal.send(portal.request("/sign-in")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(Map.of("username", ADMIN, "password",
                        ADMIN_PASSWORD)))).build());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("intercom_session="));
    }

    @Test
    void signedOutSessionNoLongerWorks() {
        PortalFixture.Session session = portal.signIn(VIEWER, VIEWER_PASSWORD);
        assertThat(portal.send(portal.request("/devices").header("Cookie", session.cookie()).build()).statusCode())
                .isEqualTo(200);
        assertThat(formPost("/sign-out", session.cookie(), Map.of("_csrf", session.csrf())).statusCode()).isEqualTo(303);
        HttpResponse<String> after = portal.send(portal.request("/devices").header("Cookie", session.cookie()).build());
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/sign-in");
    }

    @Test
    void viewerCannotOpenOrSubmitTheModifyPage() {
        PortalFixture.Session session = portal.signIn(VIEWER, VIEWER_PASSWORD);
        HttpResponse<String> page = portal.send(portal.request("/devices/rockx-505/modify")
                .header("Cookie", session.cookie()).build());
        assertThat(page.statusCode()).isEqualTo(403);
        HttpResponse<String> device = portal.send(portal.request("/devices/rockx-505")
                .header("Cookie", session.cookie()).build());
        assertThat(device.body()).doesNotContain("/modify").doesNotContain("virtual-call-button");
    }

    @Test
    void failedSignInsAreRateLimitedPerUserAndIp() {
        portal.users.put("installer", "installer-Passw0rd".toCharArray(), Role.ACCOUNT_ADMINISTRATOR);
        for (int i = 0; i < 3; i++) {
            assertThat(portal.get("/api/v1/devices", basic("installer", "guess" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = portal.get("/api/v1/devices", basic("installer", "installer-Passw0rd"));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        // The sign-in form shares the limit.
        HttpResponse<String> form = portal.send(portal.request("/sign-in").build());
        String token = PortalFixture.hiddenCsrf(form.body());
        HttpResponse<String> formLocked = portal.send(portal.request("/sign-in")
                .header("Cookie", "intercom_sign_in=" + PortalFixture.cookie(form, "intercom_sign_in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(Map.of("_csrf", token, "username", "installer",
                        "password", "installer-Passw0rd")))).build());
        assertThat(formLocked.statusCode()).isEqualTo(429);
        assertThat(formLocked.body()).contains("too many failed sign-ins");
        // Another user from the same address is not locked out.
        assertThat(portal.get("/api/v1/devices", basic(VIEWER, VIEWER_PASSWORD)).statusCode()).isEqualTo(200);
        // Each failure and the lockout are on record, without the guessed passwords.
        var failed = portal.events.query(new rock.intercom.events.EventQuery(null, java.util.Set.of("Sign-In Failed"),
                null, null, null, 50)).stream().filter(e -> "installer".equals(e.details().get("user"))).toList();
        assertThat(failed).hasSize(3);
        assertThat(failed.get(0).details()).containsEntry("via", "api").containsEntry("ip", "127.0.0.1");
        assertThat(failed.toString()).doesNotContain("guess");
        var lockouts = portal.events.query(new rock.intercom.events.EventQuery(null, java.util.Set.of("Sign-In Locked"),
                null, null, null, 50));
        assertThat(lockouts).anySatisfy(e -> assertThat(e.details()).containsEntry("user", "installer")
                .containsEntry("scope", "USER_AND_ADDRESS").containsKey("until"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                  | SECRET-MARKER{                                  | not valid JSON
            duplicate key             | {"device": {"id": "rockx-505"}, "device": {"id": "SECRET-MARKER"}} | a key is given twice
            duplicate nested key      | {"sip": {"enabled": true, "enabled": false}, "x": "SECRET-MARKER"} | a key is given twice
            cut short                 | {"device": {"id": "SECRET-MARKER"              | ends too early
            an array                  | ["SECRET-MARKER"]                               | must be a JSON object
            trailing garbage          | {"a": 1} SECRET-MARKER                          | not valid JSON
            """)
    void malformedBodiesGetA400ThatNeverQuotesThem(String label, String body, String says) {
        HttpResponse<String> response = portal.put("/api/v1/devices/rockx-505/settings", basic(ADMIN, ADMIN_PASSWORD), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(says).doesNotContain("SECRET-MARKER");
    }

    @Test
    void deeplyNestedJsonIsA400NotA500() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        HttpResponse<String> response = portal.put("/api/v1/devices/rockx-505/settings", basic(ADMIN, ADMIN_PASSWORD), deep);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("nested deeper than");
    }

    @Test
    void passwordsNeverAppearInAnyJsonOrHtml() {
        String document = DeviceApiTest.validDocument("5060", SIP_SECRET)
                .replace("\"proxy\": {\"enabled\": false}",
                        "\"proxy\": {\"enabled\": true, \"address\": \"proxy.example\", \"port\": 5060, "
                                + "\"authUsername\": \"p\", \"authPassword\": \"" + PROXY_SECRET + "\"}");
        assertThat(portal.put("/api/v1/devices/rockx-505/settings", basic(ADMIN, ADMIN_PASSWORD), document).statusCode())
                .isEqualTo(200);
        PortalFixture.Session session = portal.signIn(ADMIN, ADMIN_PASSWORD);
        List<String> paths = List.of("/api/v1/devices", "/api/v1/devices/rockx-505/settings",
                "/api/v1/devices/rockx-505/status", "/api/v1/events?limit=1000", "/devices", "/devices/rockx-505",
                "/devices/rockx-505/modify", "/security-events?limit=1000");
        for (String path : paths) {
            HttpResponse<String> response = portal.send(portal.request(path).header("Cookie", session.cookie()).build());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(SIP_SECRET).doesNotContain(PROXY_SECRET)
                    .doesNotContain(ADMIN_PASSWORD).doesNotContain("$2b$");
        }
        String modify = portal.send(portal.request("/devices/rockx-505/modify").header("Cookie", session.cookie())
                .build()).body();
        assertThat(modify).contains("type=\"password\"").contains("Stored; leave blank to keep it");
    }

    @Test
    void cookiesAreSecureWhenServedBehindTls(@TempDir Path otherDir) {
        try (PortalFixture behindTls = new PortalFixture(otherDir, PortalOptions.defaults().withSecureCookies(true))) {
            HttpResponse<String> form = behindTls.send(behindTls.request("/sign-in").build());
            assertThat(form.headers().allValues("Set-Cookie")).allSatisfy(c -> assertThat(c)
                    .contains("; Secure").contains("HttpOnly").contains("SameSite=Strict"));
        }
    }

    @Test
    void securityEventsPagePagesAndExplainsBadFilters() {
        for (int i = 0; i < 3; i++) {
            portal.events.append(rock.intercom.events.NewEvent.of("rockx-506",
                    rock.intercom.events.SecurityEventName.CALL_REJECTED, Map.of("reason", "caller not allowed " + i)));
        }
        PortalFixture.Session session = portal.signIn(VIEWER, VIEWER_PASSWORD);
        HttpResponse<String> first = portal.send(portal.request(
                "/security-events?name=Call+Rejected&device=rockx-506&limit=2").header("Cookie", session.cookie()).build());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("caller not allowed 2").contains("caller not allowed 1")
                .doesNotContain("caller not allowed 0").contains("Older events");
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"(/security-events\\?[^\"]*before=\\d+)\"")
                .matcher(first.body());
        assertThat(older.find()).isTrue();
        HttpResponse<String> second = portal.send(portal.request(older.group(1).replace("&amp;", "&"))
                .header("Cookie", session.cookie()).build());
        assertThat(second.body()).contains("caller not allowed 0").doesNotContain("caller not allowed 2")
                .contains("Newest events");
        HttpResponse<String> bad = portal.send(portal.request("/security-events?from=tomorrow")
                .header("Cookie", session.cookie()).build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("from must be an ISO-8601 time");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        HttpResponse<String> response = portal.send(portal.request("/sign-in").build());
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
