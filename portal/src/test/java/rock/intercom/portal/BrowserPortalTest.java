package rock.intercom.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.testkit.Chromium;

/**
 * The guide's walk through the Admin Portal in headless Chromium (Debian's {@code chromium},
 * driven by Playwright): sign in, Devices, Settings → Modify, SIP Configuration, a field error,
 * Submit, the virtual call button, and Security Events filtered by Dialing. Screenshots go to
 * {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserPortalTest {

    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final String SIP_PASSWORD = "Browser-sip-secret-3";

    @TempDir
    static Path dataDir;
    static PortalFixture portal;
    static Chromium chromium;
    static Browser browser;
    static BrowserContext context;
    static Page page;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture(dataDir);
        chromium = Chromium.launch();
        browser = chromium.browser();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(10_000);
        page = context.newPage();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        try {
            if (context != null) {
                context.close();
            }
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            portal.close();
        }
    }

    static void screenshot(String name) {
        screenshotOf(page, name);
    }

    static void screenshotOf(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    static JsonNode apiSettings() throws Exception {
        return Json.MAPPER.readTree(portal.get("/api/v1/devices/rockx-505/settings",
                PortalFixture.basic(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD)).body());
    }

    @Test
    @Order(1)
    void signInShowsTheDevicesList() {
        page.navigate(portal.url("/devices"));
        assertThat(page).hasURL(portal.url("/sign-in"));
        assertThat(unlabelledFields()).isEmpty();
        screenshot("01-sign-in");
        page.getByLabel("User name").fill(PortalFixture.ADMIN);
        page.getByLabel("Password").fill("wrong-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong user name or password");
        page.getByLabel("Password").fill(PortalFixture.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Devices"))).isVisible();
        assertThat(page.locator("tr[data-device=rockx-505] [data-field=registration]")).hasText("SIP disabled");
        screenshot("02-devices");
    }

    @Test
    @Order(2)
    void modifyWithABadPortShowsTheErrorNextToTheField() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("RockX-505")).click();
        assertThat(page.locator("#screen")).hasText("Idle");
        screenshot("03-device");
        page.locator("details.dropdown summary").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Modify")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Modify Device Parameters")))
                .isVisible();
        page.locator("#sip-configuration > summary").click();
        assertThat(page.locator("#sip-form")).isHidden();
        page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("SIP")).check();
        assertThat(page.locator("#sip-form")).isVisible();
        assertThat(unlabelledFields()).isEmpty();
        screenshot("04-sip-enabled");

        fillForm("70000", true);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();

        Locator portError = page.locator("[data-error-for='sip.server.port']");
        assertThat(portError).containsText("65535");
        assertThat(page.locator("#sip-server-port")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#sip-server-port")).hasValue("70000");
        assertThat(page.locator("#sip-identity-authPassword")).hasValue("");
        assertThat(page.content()).doesNotContain(SIP_PASSWORD);
        screenshot("05-port-error");
        assertThat(portal.door.storedSettings().at("/sip/enabled").asBoolean()).isFalse();
    }

    /** Names of visible-or-hidden form fields that no {@code <label>} names (accessibility). */
    @SuppressWarnings("unchecked")
    static List<String> unlabelledFields() {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                + ".filter(e => !e.labels || e.labels.length === 0).map(e => e.name || e.id)");
    }

    /** Steps 3-8 and Custom Configuration, with the guide's labels. */
    static void fillForm(String port, boolean uploadCa) {
        page.getByLabel("Domain Name / IP Address").first().fill("10.40.0.224");
        page.getByLabel("Port Number").first().fill(port);
        page.getByLabel("Polling Interval (seconds)").fill("30");
        page.getByLabel("Transport Protocol").selectOption("TLS");
        assertThat(page.locator("#tls-certificates")).isVisible();
        if (uploadCa) {
            page.getByLabel("CA certificate (.pem)").setInputFiles(Paths.get("src/test/resources/test-ca.pem"));
        }
        page.getByLabel("SRTP-only").check();
        page.locator("#sip-identity-authUsername").fill("505");
        page.locator("#sip-identity-authPassword").fill(SIP_PASSWORD);
        page.getByLabel("Display Name").fill("RockX-505");
        page.getByLabel("SIP Extension").fill("505");
        page.getByLabel("Call number", new Page.GetByLabelOptions().setExact(true)).fill("400");
        page.locator("#sip-fallbackNumbers-1").fill("401");
        page.getByLabel("Microphone Volume").fill("80");
        page.getByLabel("Speaker Volume").fill("70");
        page.getByLabel("Call Timeout").fill("35");
        page.getByLabel("Video Calls").selectOption("BOTH");
        page.getByLabel("Allow Incoming Calls").check();
        page.locator("#sip-incomingCalls-allowedCallers-1").fill("sip:400@10.40.0.224");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a permitted SIP URL")).click();
        page.locator("#sip-incomingCalls-allowedCallers-entries li:nth-child(2) input").fill("sip:401@10.40.0.224");
        page.getByLabel("Restricted by Extension List").check();
        page.locator("#advanced-configuration > summary").click();
        if (page.locator("#custom-configuration-entries li").count() == 0) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a Custom Configuration")).click();
        }
        page.locator("#custom-configuration-entries li input[name='customConfiguration.name']").last()
                .fill("intercom.default_server_controls_allowed_callers");
        page.locator("#custom-configuration-entries li input[name='customConfiguration.value']").last().fill("true");
        assertThat(unlabelledFields()).isEmpty();
        screenshot("04b-form-filled");
    }

    @Test
    @Order(3)
    void correctedFormIsAppliedWithoutReboot() throws Exception {
        // The certificate uploaded with the rejected submit is kept; it need not be chosen again.
        assertThat(page.locator("#ca-status")).hasText("The uploaded CA certificate will be installed on Submit.");
        fillForm("5061", false);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Settings applied");
        screenshot("06-applied");

        JsonNode applied = apiSettings();
        assertThat(applied.at("/sip/enabled").asBoolean()).isTrue();
        assertThat(applied.at("/sip/server/port").asInt()).isEqualTo(5061);
        assertThat(applied.at("/sip/server/transport").asText()).isEqualTo("TLS");
        assertThat(applied.at("/sip/server/caCertificatePem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(applied.at("/sip/encryption").asText()).isEqualTo("SRTP_ONLY");
        assertThat(applied.at("/sip/identity/authPasswordSet").asBoolean()).isTrue();
        assertThat(applied.at("/sip/fallbackNumbers/0").asText()).isEqualTo("401");
        assertThat(applied.at("/sip/callOptions/videoCalls").asText()).isEqualTo("BOTH");
        assertThat(applied.at("/sip/incomingCalls/allowedCallers")).hasSize(2);
        assertThat(applied.at("/sip/incomingCalls/mode").asText()).isEqualTo("EXTENSION_LIST");
        assertThat(applied.at("/customConfiguration/intercom.default_server_controls_allowed_callers").asText())
                .isEqualTo("true");
        assertThat(portal.door.storedSettings().at("/sip/identity/authPassword").asText()).isEqualTo(SIP_PASSWORD);
        assertThat(page.content()).doesNotContain(SIP_PASSWORD);
        assertThat(page.locator("#sip-identity-authPassword")).hasAttribute("placeholder", "Stored; leave blank to keep it");
    }

    @Test
    @Order(4)
    void virtualCallButtonShowsDialingOnTheScreen() {
        page.navigate(portal.url("/devices/rockx-505"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Press the call button")).click();
        assertThat(page.locator("#screen")).hasText("Dialing 400…");
        screenshot("07-dialing");
    }

    @Test
    @Order(5)
    void securityEventsFilterByDialingAndUpdateLive() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Security Events")).click();
        page.getByLabel("Event names").selectOption("Dialing");
        page.getByLabel("Device").selectOption("rockx-505");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filter")).click();
        Locator rows = page.locator("#security-events tbody tr[data-event-id]");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText("Dialing");
        assertThat(rows.first()).containsText("RockX-505");
        assertThat(page.locator("#security-events")).not().containsText("Settings Changed");
        screenshot("08-security-events-dialing");

        // Two more presses: hang up, then dial again; the new Dialing row appears without a reload.
        String admin = PortalFixture.basic(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD);
        portal.post("/api/v1/devices/rockx-505/button", admin);
        portal.post("/api/v1/devices/rockx-505/button", admin);
        assertThat(rows).hasCount(2);
        screenshot("09-security-events-live");

        page.getByLabel("Event names").selectOption(new String[0]);
        page.getByLabel("Device").selectOption("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filter")).click();
        assertThat(page.locator("#security-events")).containsText("Settings Changed");
    }

    @Test
    @Order(6)
    void devicesListFollowsTheDeviceState() {
        page.navigate(portal.url("/devices"));
        assertThat(page.locator("tr[data-device=rockx-505] [data-field=registration]")).hasText("Registered");
        Locator screen = page.locator("tr[data-device=rockx-505] [data-field=screen]");
        String before = screen.textContent();
        portal.post("/api/v1/devices/rockx-505/button", PortalFixture.basic(PortalFixture.ADMIN,
                PortalFixture.ADMIN_PASSWORD));
        String now = portal.door.status().path("screen").asText();
        assertThat(now).isNotEqualTo(before);
        assertThat(screen).hasText(now);
        screenshot("10-devices-live");
    }
}
