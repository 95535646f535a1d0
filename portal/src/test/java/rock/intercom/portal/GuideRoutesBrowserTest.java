package rock.intercom.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.portal.auth.UserStore;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.testkit.Chromium;

/**
 * The guide's two routes to "the SIP server decides who may call" in Chromium, against the real
 * settings rules: v3.6.3 (no mode chosen, custom parameter {@code true}) and v3.7.0 (the mode radio),
 * with the page saying which one rules and the API's {@code effectiveMode} agreeing.
 */
class GuideRoutesBrowserTest {

    static final String PARAMETER = "intercom.default_server_controls_allowed_callers";

    @TempDir
    static Path dataDir;
    static SettingsDoor door;
    static PortalServer server;
    static InMemoryEventStore events;
    static Chromium chromium;
    static BrowserContext context;
    static Page page;

    @BeforeAll
    static void start() throws Exception {
        door = new SettingsDoor(Files.readString(Path.of("../examples/device.yaml")));
        events = new InMemoryEventStore(Clock.systemUTC());
        UserStore users = UserStore.open(dataDir, Map.of(UserStore.ADMIN_PASSWORD_ENV, PortalFixture.ADMIN_PASSWORD),
                new PrintStream(new ByteArrayOutputStream()), 4);
        server = new PortalServer(DeviceDirectory.of(List.of(door)), events, users,
                PortalOptions.defaults().withHost("127.0.0.1")).start(0);
        chromium = Chromium.launch();
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(10_000);
        page = context.newPage();
        Files.createDirectories(BrowserPortalTest.SCREENSHOTS);
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
            server.stop();
            events.close();
        }
    }

    @Test
    void theV363ParameterRulesUntilAModeIsChosenAndTheRadioCanBeClearedAgain() throws Exception {
        page.navigate("http://127.0.0.1:" + server.port() + "/devices/rockx-505/modify");
        page.getByLabel("User name").fill(PortalFixture.ADMIN);
        page.getByLabel("Password").fill(PortalFixture.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.navigate("http://127.0.0.1:" + server.port() + "/devices/rockx-505/modify");
        page.locator("#sip-configuration > summary").click();
        page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("SIP")).check();

        // The example leaves the mode unset: "Not chosen" is selected and the parameter (false) decides.
        assertThat(page.getByLabel("Not chosen (custom parameter decides)")).isChecked();
        assertThat(page.locator("#effective-mode")).containsText("Restricted by Extension List");
        assertThat(page.locator("#effective-mode")).containsText(PARAMETER + " is false");

        // v3.6.3: Advanced → Custom Configuration → the parameter set to true.
        page.locator("#advanced-configuration > summary").click();
        page.locator("#custom-configuration-entries input[name='customConfiguration.value']").first().fill("true");
        submit();
        assertThat(page.locator("#effective-mode")).hasText("In force: Managed by SIP Server, because no mode is chosen "
                + "and the custom parameter " + PARAMETER + " is true.");
        assertThat(door.current().effectiveIncomingCallMode()).isEqualTo(IncomingCallMode.SIP_SERVER);
        JsonNode view = apiSettings();
        assertThat(view.at("/sip/incomingCalls/mode").isNull()).isTrue();
        assertThat(view.at("/sip/incomingCalls/effectiveMode").asText()).isEqualTo("SIP_SERVER");
        BrowserPortalTest.screenshotOf(page, "20-v363-parameter-rules");

        // v3.7.0: a chosen mode wins over the parameter.
        page.getByLabel("Restricted by Extension List").check();
        submit();
        assertThat(page.locator("#effective-mode")).containsText("Restricted by Extension List, because it is chosen here");
        assertThat(apiSettings().at("/sip/incomingCalls/effectiveMode").asText()).isEqualTo("EXTENSION_LIST");

        // And the choice can be taken back: the parameter rules again.
        page.getByLabel("Not chosen (custom parameter decides)").check();
        submit();
        assertThat(page.getByLabel("Not chosen (custom parameter decides)")).isChecked();
        assertThat(apiSettings().at("/sip/incomingCalls/effectiveMode").asText()).isEqualTo("SIP_SERVER");

        // The fetched view, effectiveMode and all, is accepted back unchanged.
        var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/devices/rockx-505/settings"))
                .header("Authorization", PortalFixture.basic(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(apiSettings().toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(door.current().effectiveIncomingCallMode()).isEqualTo(IncomingCallMode.SIP_SERVER);
    }

    @Test
    void theVideoSizeAndRateAreFormFieldsWithTheirOwnErrorsAndSurviveASave() throws Exception {
        page.navigate("http://127.0.0.1:" + server.port() + "/devices/rockx-505/modify");
        if (page.url().contains("/sign-in")) {
            page.getByLabel("User name").fill(PortalFixture.ADMIN);
            page.getByLabel("Password").fill(PortalFixture.ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.navigate("http://127.0.0.1:" + server.port() + "/devices/rockx-505/modify");
        }
        page.locator("#sip-configuration").evaluate("section => section.open = true");
        page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("SIP")).check();
        page.getByLabel("Video Width").fill("641");
        page.getByLabel("Video Height").fill("600");
        page.getByLabel("Video Frame Rate").fill("31");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();

        assertThat(page.locator("[data-error-for='sip.callOptions.video.width']")).containsText("even");
        assertThat(page.locator("[data-error-for='sip.callOptions.video.frameRate']")).containsText("between 1 and 30");
        assertThat(page.locator("[data-error-for='sip.callOptions.video.height']")).hasCount(0);
        assertThat(page.getByLabel("Video Width")).hasValue("641");
        assertThat(page.getByLabel("Video Height")).hasValue("600");
        assertThat(door.current().sip().callOptions().videoOrDefaults())
                .as("a rejected form changes nothing").isEqualTo(rock.intercom.settings.VideoOptions.DEFAULTS);
        BrowserPortalTest.screenshotOf(page, "21-video-field-errors");

        page.getByLabel("Video Width").fill("800");
        page.getByLabel("Video Frame Rate").fill("10");
        submit();
        var chosen = new rock.intercom.settings.VideoOptions(800, 600, 10);
        assertThat(door.current().sip().callOptions().videoOrDefaults()).isEqualTo(chosen);
        assertThat(page.getByLabel("Video Width")).hasValue("800");

        // Saving the form again for something else keeps the size and rate.
        page.getByLabel("Call Timeout").fill("36");
        submit();
        assertThat(door.current().sip().callOptions().callTimeoutSeconds()).isEqualTo(36);
        assertThat(door.current().sip().callOptions().videoOrDefaults()).isEqualTo(chosen);
        assertThat(apiSettings().at("/sip/callOptions/video/frameRate").asInt()).isEqualTo(10);
    }

    private static void submit() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Settings applied");
    }

    private static JsonNode apiSettings() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/devices/rockx-505/settings"))
                .header("Authorization", PortalFixture.basic(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }
}
