package rock.intercom.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.events.EventQuery;
import rock.intercom.portal.auth.UserStore;
import rock.intercom.testkit.Chromium;

/**
 * Users and access in Chromium: an Account Administrator adds a user, changes a role, resets a
 * password (the user's session ends at once) and removes a user; a change made by another process
 * (as {@code ./intercom user} does) applies without a restart; everyone changes their own password.
 */
class UsersBrowserTest {

    @TempDir
    static Path dataDir;
    static PortalFixture portal;
    static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture(dataDir);
        chromium = Chromium.launch();
        Files.createDirectories(BrowserPortalTest.SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            portal.close();
        }
    }

    static Page signIn(String user, String password, int width) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
        context.setDefaultTimeout(10_000);
        Page page = context.newPage();
        page.navigate(portal.url("/sign-in"));
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        return page;
    }

    @Test
    void anAdministratorManagesUsersAndEveryChangeIsLive() {
        Page admin = signIn(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD, 1280);
        Page guard = signIn(PortalFixture.VIEWER, PortalFixture.VIEWER_PASSWORD, 375);
        try {
            assertThat(guard.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users"))).hasCount(0);
            assertThat(portal.get("/users", PortalFixture.basic(PortalFixture.VIEWER, PortalFixture.VIEWER_PASSWORD))
                    .statusCode()).isEqualTo(403);

            admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users")).click();
            admin.getByLabel("User name").fill("installer");
            admin.locator("#new-role").selectOption("VIEWER");
            admin.locator("#new-password").fill("installer-Passw0rd");
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();
            assertThat(admin.getByRole(AriaRole.STATUS)).hasText("User added.");
            Locator installer = admin.locator("tr[data-user=installer]");
            assertThat(installer).isVisible();
            assertThat(admin.content()).doesNotContain("installer-Passw0rd");

            installer.getByLabel("Role of installer").selectOption("ACCOUNT_ADMINISTRATOR");
            installer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set role")).click();
            assertThat(admin.getByRole(AriaRole.STATUS)).hasText("Role changed.");
            assertThat(portal.users.find("installer").orElseThrow().role()).isEqualTo(Role.ACCOUNT_ADMINISTRATOR);
            BrowserPortalTest.screenshotOf(admin, "50-users-1280");

            // A reset password ends the guard's session at their next request.
            admin.locator("tr[data-user=guard]").getByLabel("New password for guard").fill("guard-New-Passw0rd");
            admin.locator("tr[data-user=guard]").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Reset password")).click();
            assertThat(admin.getByRole(AriaRole.STATUS)).containsText("Password reset");
            guard.navigate(portal.url("/devices"));
            assertThat(guard).hasURL(portal.url("/sign-in"));

            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove installer")).click();
            assertThat(admin.getByRole(AriaRole.STATUS)).hasText("User removed.");
            assertThat(admin.locator("tr[data-user=installer]")).hasCount(0);
            assertThat(admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove admin"))).hasCount(0);

            var changes = portal.events.query(new EventQuery(null, Set.of("User Changed"), null, null, null, 20));
            assertThat(changes.stream().filter(e -> "admin".equals(e.details().get("by")))
                    .filter(e -> !String.valueOf(e.details().get("user")).startsWith("token:"))
                    .map(e -> e.details().get("user") + " " + e.details().get("change")))
                    .containsExactly("installer removed", "guard password reset", "installer role ACCOUNT_ADMINISTRATOR",
                            "installer added as VIEWER");
            assertThat(changes.toString()).doesNotContain("Passw0rd");

            // The users page on a phone.
            Page phone = signIn(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD, 375);
            phone.navigate(portal.url("/users"));
            ResponsiveBrowserTest.assertNoSidewaysScroll(phone, "users");
            BrowserPortalTest.screenshotOf(phone, "51-users-375");
            phone.context().close();
        } finally {
            admin.context().close();
            guard.context().close();
        }
    }

    @Test
    void aChangeFromTheCommandLineAppliesWithoutARestart() {
        UserStore cli = UserStore.open(dataDir, Map.of(), new PrintStream(new ByteArrayOutputStream()), 4);
        cli.put("night-guard", "night-Passw0rd-1".toCharArray(), Role.VIEWER);
        Page page = signIn("night-guard", "night-Passw0rd-1", 1280);
        try {
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Devices"))).isVisible();
            UserStore.open(dataDir, Map.of(), new PrintStream(new ByteArrayOutputStream()), 4)
                    .put("night-guard", "night-Passw0rd-2".toCharArray(), Role.VIEWER);
            // The old password stops working, and so does the session made with it.
            assertThat(portal.get("/api/v1/devices", PortalFixture.basic("night-guard", "night-Passw0rd-1")).statusCode())
                    .isEqualTo(401);
            assertThat(portal.get("/api/v1/devices", PortalFixture.basic("night-guard", "night-Passw0rd-2")).statusCode())
                    .isEqualTo(200);
            page.navigate(portal.url("/devices"));
            assertThat(page).hasURL(portal.url("/sign-in"));
        } finally {
            page.context().close();
        }
    }

    @Test
    void everyoneChangesTheirOwnPassword() {
        portal.users.put("porter", "porter-Passw0rd".toCharArray(), Role.VIEWER);
        Page page = signIn("porter", "porter-Passw0rd", 375);
        try {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change my password")).click();
            page.getByLabel("Current password").fill("not-my-password");
            page.getByLabel("New password").fill("porter-New-Passw0rd");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("The current password is wrong.");
            page.getByLabel("Current password").fill("porter-Passw0rd");
            page.getByLabel("New password").fill("porter-New-Passw0rd");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your password was changed");
            ResponsiveBrowserTest.assertNoSidewaysScroll(page, "change my password");
            BrowserPortalTest.screenshotOf(page, "52-change-my-password-375");
            // Still signed in here; the old password is gone.
            page.navigate(portal.url("/devices"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Devices"))).isVisible();
            assertThat(portal.get("/api/v1/devices", PortalFixture.basic("porter", "porter-Passw0rd")).statusCode())
                    .isEqualTo(401);
            assertThat(portal.get("/api/v1/devices", PortalFixture.basic("porter", "porter-New-Passw0rd")).statusCode())
                    .isEqualTo(200);
        } finally {
            page.context().close();
        }
    }

    @Test
    void anAdministratorCreatesAndRevokesAnApiTokenThatIsScopedByRole() {
        Page page = signIn(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD, 375);
        try {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens")).click();
            page.getByLabel("Name").fill("access-control");
            page.getByLabel("Role").selectOption("ACCOUNT_ADMINISTRATOR");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
            String secret = page.locator("#new-token-secret").textContent();
            assertThat(secret).startsWith("rit_");
            ResponsiveBrowserTest.assertNoSidewaysScroll(page, "API tokens");
            page.locator("#new-token-secret").evaluate("e => e.textContent = 'rit_…(hidden in the screenshot)'");
            BrowserPortalTest.screenshotOf(page, "53-api-token-created-375");

            String bearer = "Bearer " + secret;
            assertThat(portal.post("/api/v1/devices/rockx-506/button", bearer).statusCode()).isEqualTo(202);
            assertThat(portal.otherDoor.presses()).isEqualTo(1);
            page.getByLabel("Name").fill("reader");
            page.getByLabel("Role").selectOption("VIEWER");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
            String reader = "Bearer " + page.locator("#new-token-secret").textContent();
            assertThat(portal.get("/api/v1/devices", reader).statusCode()).isEqualTo(200);
            assertThat(portal.post("/api/v1/devices/rockx-506/button", reader).statusCode()).isEqualTo(403);

            // Shown once: the list never shows a secret again.
            page.navigate(portal.url("/api-tokens"));
            assertThat(page.content()).doesNotContain(secret.substring(4));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke access-control")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Token revoked");
            assertThat(portal.post("/api/v1/devices/rockx-506/button", bearer).statusCode()).isEqualTo(401);
            assertThat(portal.get("/api/v1/devices", "Bearer rit_made-up").statusCode()).isEqualTo(401);
            assertThat(portal.otherDoor.presses()).isEqualTo(1);
        } finally {
            page.context().close();
        }
    }
}
