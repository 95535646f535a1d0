package rock.intercom.app.fleet;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.app.DeviceOptions;
import rock.intercom.app.DeviceRuntime;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.fleet.agent.FleetAgent;
import rock.intercom.fleet.central.CentralPortal;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.testkit.Chromium;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.StartedPeers;
import rock.intercom.testkit.KamailioServer;

/**
 * The central portal in Chromium, with a real door: an administrator makes an enrolment token on
 * the Devices page, the door (SIP off at first) enrols with it and appears in the list without a
 * reload; its SIP settings are set in the portal's Modify form and it registers at a real Kamailio
 * (shown live); the portal presses its button and its events arrive in Security Events; the Devices
 * page revokes it. At 1280
 * and 375 px; screenshots in app/target/screenshots.
 */
class CentralPortalBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PASSWORD = "central-admin-secret";
    private static final String SIP_PASSWORD = "door-505-central-secret";
    private static final String DEVICE = "rockx-505";
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(30_000);

    @TempDir
    Path dir;
    private final StartedPeers running = new StartedPeers();

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    @Test
    void enrolConfigureRegisterPressAndSeeTheEvents() throws Exception {
        KamailioServer kamailio = KamailioServer.registrar(dir.resolve("kamailio"), Map.of("505", SIP_PASSWORD), "MD5",
                600, rock.intercom.testkit.TestCertificates.generate(dir.resolve("certs"))).start();
        running.add(kamailio);
        int port = FreePorts.tcpAndUdp();
        CentralPortal portal = CentralPortal.start(dir.resolve("portal"), null, "127.0.0.1", port,
                Map.of("INTERCOM_ADMIN_PASSWORD", PASSWORD), quiet());
        running.add(portal);
        String url = "http://127.0.0.1:" + port;
        Chromium chromium = Chromium.launch();
        running.add(chromium);
        Files.createDirectories(SCREENSHOTS);

        Page page = signIn(chromium, url, 1280, 900);
        page.navigate(url + "/devices");
        assertThat(page.locator("table[data-live-devices]")).hasAttribute("data-live", "yes");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create enrolment token")).click();
        String command = page.locator("#enrolment-command").textContent();
        assertThat(command).startsWith("./intercom device --config door.yaml --portal-url " + url + " --enrolment-token ");
        shot(page, "40-central-enrolment-token");
        Matcher token = Pattern.compile("--enrolment-token (\\S+)$").matcher(command.trim());
        assertThat(token.find()).isTrue();

        // The door enrols with the token from the page; the list shows it without a reload.
        page.navigate(url + "/devices");
        assertThat(page.locator("table[data-live-devices]")).hasAttribute("data-live", "yes");
        Page eventsTab = page.context().newPage();
        eventsTab.navigate(url + "/security-events");
        startDoor(url, token.group(1));
        Locator row = page.locator("tr[data-device=" + DEVICE + "]");
        assertThat(row.locator("[data-field=connection]")).hasText("online", SLOW);
        // The Security Events page open meanwhile offers the new door in its device filter.
        assertThat(eventsTab.locator("#filter-device option[value=" + DEVICE + "]")).hasCount(1);
        eventsTab.close();

        // SIP settings from the central portal's Modify form: the door registers at Kamailio.
        page.navigate(url + "/devices/" + DEVICE + "/modify");
        page.locator("summary", new Page.LocatorOptions().setHasText("SIP Configuration")).click();
        page.getByLabel("SIP", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Domain Name / IP Address").first().fill("127.0.0.1");
        page.getByLabel("Port Number").first().fill(Integer.toString(kamailio.udpPort()));
        page.getByLabel("Transport Protocol").selectOption("UDP");
        page.locator("#sip-identity-authUsername").fill("505");
        page.locator("#sip-identity-authPassword").fill(SIP_PASSWORD);
        page.getByLabel("SIP Extension").fill("505");
        shot(page, "41-central-modify-sip");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        assertThat(page.locator(".notice")).containsText("Settings applied");
        page.navigate(url + "/devices");
        assertThat(row.locator("[data-field=registration]")).hasText("REGISTERED", SLOW);
        shot(page, "42-central-devices-registered");

        // The portal's button reaches the door; its events show in Security Events for that device.
        page.navigate(url + "/devices/" + DEVICE);
        page.locator("#virtual-call-button").click();
        page.navigate(url + "/security-events?device=" + DEVICE);
        Locator events = page.locator("#security-events tbody");
        assertThat(events).containsText("Dialing", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(events).containsText("Registered");
        assertThat(page.getByLabel("Device")).hasValue(DEVICE);
        shot(page, "43-central-security-events");

        Page phone = signIn(chromium, url, 375, 800);
        phone.navigate(url + "/devices");
        assertThat(phone.locator("tr[data-device=" + DEVICE + "] [data-field=registration]")).hasText("REGISTERED", SLOW);
        shot(phone, "44-central-devices-375");
        phone.navigate(url + "/security-events?device=" + DEVICE);
        assertThat(phone.locator("#security-events tbody")).containsText("Dialing");
        shot(phone, "45-central-security-events-375");

        // Revoked from the Devices page (after a confirmation): gone from the list, its link refused.
        page.navigate(url + "/devices");
        page.onDialog(dialog -> dialog.accept());
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke RockX-505")).click();
        assertThat(page.locator(".notice")).containsText("Device credential revoked");
        assertThat(page.locator("tr[data-device=" + DEVICE + "]")).hasCount(0);
    }

    private void startDoor(String url, String token) throws Exception {
        Path config = dir.resolve("device.yaml");
        Files.copy(Path.of("../examples/device.yaml"), config);
        DeviceRuntime device = DeviceRuntime.open(new DeviceOptions(config, dir.resolve("device"), "127.0.0.1", 0, 0,
                AudioSetup.of("tone:440", "none", RtpPortRange.parse("40060-40079"))),
                Map.of("INTERCOM_ADMIN_PASSWORD", "device-admin"), quiet());
        running.add(device);
        running.add(FleetAgent.start(device.device(), device.events(), dir.resolve("device"), url, token, quiet()));
    }

    private Page signIn(Chromium chromium, String url, int width, int height) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height));
        context.setDefaultTimeout(15_000);
        running.add(context::close);
        Page page = context.newPage();
        page.navigate(url + "/sign-in");
        page.getByLabel("User name").fill("admin");
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(Pattern.compile(".*/devices$"));
        return page;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
