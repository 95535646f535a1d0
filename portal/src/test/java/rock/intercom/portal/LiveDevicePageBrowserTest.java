package rock.intercom.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.testkit.Chromium;

/**
 * The device page in Chromium follows the door by server push: states that last no time at all
 * (shown back to back on the door's thread) are all listed, in order, with their times; the call
 * button says "End call" during a call; the registration's reason shows and goes on success.
 */
class LiveDevicePageBrowserTest {

    @TempDir
    static Path dataDir;
    static PortalFixture portal;
    static Chromium chromium;
    static BrowserContext context;
    static Page page;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture(dataDir);
        chromium = Chromium.launch();
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(10_000);
        page = context.newPage();
        Files.createDirectories(BrowserPortalTest.SCREENSHOTS);
        page.navigate(portal.url("/sign-in"));
        page.getByLabel("User name").fill(PortalFixture.ADMIN);
        page.getByLabel("Password").fill(PortalFixture.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.navigate(portal.url("/devices/rockx-505"));
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

    @Test
    void everyStateIsListedInOrderEvenWhenItLastsNoTimeAndTheButtonEndsTheCall() {
        Locator states = page.locator("#call-states li");
        Locator button = page.locator("#virtual-call-button");
        assertThat(button).hasText("Press the call button");
        waitForTheStream();

        // A whole call and a failed one, back to back with no pause: only a push can show them all.
        portal.door.show("DIALING", "Dialing 401…");
        portal.door.show("RINGING", "Ringing 401…");
        portal.door.show("CONNECTED", "Connected 401");
        portal.door.show("IDLE", "Idle");
        portal.door.show("DIALING", "Dialing 400…");
        portal.door.show("CALL_FAILED", "Call failed");
        String time = "\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d ";
        assertThat(states).hasText(new Pattern[] {Pattern.compile(time + "Dialing 401…"), Pattern.compile(time + "Ringing 401…"),
            Pattern.compile(time + "Connected 401"), Pattern.compile(time + "Call ended"),
            Pattern.compile(time + "Dialing 400…"), Pattern.compile(time + "Call failed")});
        assertThat(page.locator("#screen")).hasText("Call failed");
        BrowserPortalTest.screenshotOf(page, "30-device-live-states");

        // Pressing the button starts a call: the button then ends it.
        button.click();
        assertThat(page.locator("#screen")).hasText("Dialing 400…");
        assertThat(button).hasText("End call");
        // The page was reloaded by the press; the states before it came back with the stream.
        assertThat(states.first()).containsText("Dialing 401…");
        portal.door.show("CONNECTED", "Connected 400");
        assertThat(button).hasText("End call");
        BrowserPortalTest.screenshotOf(page, "31-device-end-call");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End call")).click();
        assertThat(button).hasText("Press the call button");
        assertThat(states.last()).containsText("Call ended");
    }

    @Test
    void theRegistrationReasonShowsAndIsClearedOnSuccess() {
        Locator registration = page.locator("[data-field=registration]");
        portal.door.registration("FAILED", "403 Forbidden");
        assertThat(registration).hasText("FAILED — 403 Forbidden");
        BrowserPortalTest.screenshotOf(page, "32-device-registration-reason");
        portal.door.registration("REGISTERED", null);
        assertThat(registration).hasText("REGISTERED");
    }

    /** On the other door's page (its own call states), so the tests above see only theirs. */
    @Test
    void theScreenPanelShowsTheCallsVideoAndTheCameraButtonItsView() {
        TestDoor door = portal.otherDoor;
        Page other = context.newPage();
        other.navigate(portal.url("/devices/rockx-506"));
        other.waitForFunction("() => document.querySelector('#screen').dataset.live === 'yes'");
        Locator video = other.locator("#call-video");
        door.received = new Picture.Jpeg(TestDoor.jpeg(320, 240, java.awt.Color.ORANGE));
        try {
            door.show("CONNECTED", "Connected 400");
            assertThat(video).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                    .setTimeout(5_000));
            org.assertj.core.api.Assertions.assertThat(((Number) video.evaluate("img => img.naturalWidth")).intValue())
                    .isEqualTo(320);
            BrowserPortalTest.screenshotOf(other, "33-device-call-video");
            door.show("IDLE", "Idle");
            assertThat(video).isHidden(new com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions()
                    .setTimeout(5_000));
        } finally {
            door.received = new Picture.Missing("no call");
            door.show("IDLE", "Idle");
        }

        Locator problem = other.locator("#camera-problem");
        other.locator("#camera-button").click();
        assertThat(problem).containsText("no camera in this test");
        door.camera = new Picture.Jpeg(TestDoor.jpeg(640, 480, java.awt.Color.BLUE));
        try {
            other.locator("#camera-button").click();
            assertThat(other.locator("#camera-view")).isVisible();
            assertThat(problem).isHidden();
            org.assertj.core.api.Assertions.assertThat(((Number) other.locator("#camera-view")
                    .evaluate("img => img.naturalWidth")).intValue()).isEqualTo(640);
        } finally {
            door.camera = new Picture.Failed("the camera gave no picture: no camera in this test");
            other.close();
        }
    }

    /** The history event arrives first on a new stream; an empty page has an empty list then, so wait for the status. */
    private static void waitForTheStream() {
        page.waitForFunction("() => document.querySelector('#screen').dataset.live === 'yes'");
    }
}
