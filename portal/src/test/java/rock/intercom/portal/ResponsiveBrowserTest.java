package rock.intercom.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;
import rock.intercom.testkit.Chromium;

/**
 * The portal on a desktop (1280 px) and a phone (375 px) in Chromium: no page scrolls sideways;
 * the error summary lists labels in form order and its links reach the fields; list entries can be
 * removed; event details read as labelled fields; several event names filter at once; the filtered
 * view downloads as CSV.
 */
class ResponsiveBrowserTest {

    @TempDir
    static Path dataDir;
    static PortalFixture portal;
    static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture(dataDir);
        chromium = Chromium.launch();
        Files.createDirectories(BrowserPortalTest.SCREENSHOTS);
        Map<String, Object> busy = new LinkedHashMap<>();
        busy.put("callId", "c0ffee@door");
        busy.put("sipReason", "Busy Here");
        busy.put("of", 3);
        busy.put("reason", "busy");
        busy.put("sipStatus", 486);
        busy.put("attempt", 2);
        busy.put("number", "401");
        portal.events.append(NewEvent.of("rockx-505", SecurityEventName.DIALING, Map.of("number", "400", "attempt", 1, "of", 3)));
        portal.events.append(NewEvent.of("rockx-505", SecurityEventName.CALL_FAILED, busy));
        portal.events.append(NewEvent.of("rockx-505", SecurityEventName.CALL_ESTABLISHED,
                Map.of("number", "402", "attempt", 3, "of", 3, "media", "SRTP AES_CM_128_HMAC_SHA1_80",
                        "caller", "=HYPERLINK(\"http://evil\")")));
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

    static Page signedIn(int width) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, width < 600 ? 800 : 900).setAcceptDownloads(true));
        context.setDefaultTimeout(10_000);
        Page page = context.newPage();
        page.navigate(portal.url("/sign-in"));
        assertNoSidewaysScroll(page, "sign-in");
        page.getByLabel("User name").fill(PortalFixture.ADMIN);
        page.getByLabel("Password").fill(PortalFixture.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Devices"))).isVisible();
        return page;
    }

    /** What sticks out to the right, for the failure message. */
    static final String WIDER = "() => [...document.querySelectorAll('body, body *')]"
            + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1"
            + " || (e.scrollWidth > e.clientWidth + 1 && !e.className.includes('visually-hidden'))).slice(-8)"
            + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)"
            + " + '/' + e.scrollWidth + '/' + e.clientWidth)";

    static void assertNoSidewaysScroll(Page page, String where) {
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("sideways scroll on " + where + ": " + page.evaluate(WIDER))
                .isLessThanOrEqualTo(0);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 375})
    void everyPageFitsTheWidth(int width) {
        Page page = signedIn(width);
        try {
            String at = "-" + width;
            assertNoSidewaysScroll(page, "devices");
            BrowserPortalTest.screenshotOf(page, "40-devices" + at);
            page.navigate(portal.url("/devices/rockx-505"));
            assertNoSidewaysScroll(page, "device");
            BrowserPortalTest.screenshotOf(page, "41-device" + at);
            page.navigate(portal.url("/devices/rockx-505/modify"));
            page.evaluate("() => { document.querySelectorAll('details').forEach(d => d.open = true);"
                    + " document.querySelectorAll('[hidden]').forEach(e => e.hidden = false); }");
            assertNoSidewaysScroll(page, "modify, every section open");
            BrowserPortalTest.screenshotOf(page, "42-modify" + at);
            page.navigate(portal.url("/security-events?limit=50"));
            assertThat(page.locator("#security-events tbody tr[data-event-id]").first()).isVisible();
            assertNoSidewaysScroll(page, "security events");
            BrowserPortalTest.screenshotOf(page, "43-security-events" + at);
        } finally {
            page.context().close();
        }
    }

    @Test
    void errorSummaryListsLabelsInFormOrderAndLinksToTheFields() {
        Page page = signedIn(375);
        try {
            page.navigate(portal.url("/devices/rockx-505/modify"));
            page.locator("#sip-configuration > summary").click();
            page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("SIP")).check();
            page.getByLabel("Domain Name / IP Address").first().fill("10.40.0.224");
            page.getByLabel("Allow Incoming Calls").check();
            page.locator("#sip-incomingCalls-allowedCallers-1").fill("400");
            page.getByLabel("Microphone Volume").fill("200");
            page.getByLabel("Port Number").first().fill("70000");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();

            Locator items = page.locator("#error-summary li");
            assertThat(items).hasText(new String[] {
                "SIP Server: Port Number: must be between 1 and 65535",
                "Microphone Volume: must be a whole number from 0 to 100",
                "Permitted SIP URLs, entry 1: must be a full SIP URL such as sip:400@pbx"});
            assertThat(page.locator("#error-summary")).not().containsText("sip.");
            assertThat(page.locator("[data-error-for='sip.incomingCalls.allowedCallers']"))
                    .hasText("entry 1: must be a full SIP URL such as sip:400@pbx");
            assertNoSidewaysScroll(page, "error summary");
            BrowserPortalTest.screenshotOf(page, "44-error-summary-375");
            items.nth(1).getByRole(AriaRole.LINK).click();
            assertThat(page.getByLabel("Microphone Volume")).isFocused();
            items.nth(2).getByRole(AriaRole.LINK).click();
            assertThat(page.locator("#sip-incomingCalls-allowedCallers-1")).isFocused();
        } finally {
            page.context().close();
        }
    }

    @Test
    void listEntriesCanBeRemoved() throws Exception {
        Page page = signedIn(1280);
        try {
            page.navigate(portal.url("/devices/rockx-505/modify"));
            page.locator("#sip-configuration > summary").click();
            page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("SIP")).check();
            page.getByLabel("Domain Name / IP Address").first().fill("10.40.0.224");
            page.locator("#sip-fallbackNumbers-1").fill("401");
            Locator plus = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a fallback number"));
            plus.click();
            page.locator("#sip-fallbackNumbers-entries li:nth-child(2) input").fill("402");
            plus.click();
            page.locator("#sip-fallbackNumbers-entries li:nth-child(3) input").fill("403");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove Fallback number 1")).click();
            page.locator("#sip-fallbackNumbers-entries li:nth-child(2) button.remove").click();
            assertThat(page.locator("#sip-fallbackNumbers-entries li")).hasCount(1);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Settings applied");
            assertThat(portal.door.storedSettings().at("/sip/fallbackNumbers").toString()).isEqualTo("[\"402\"]");
        } finally {
            page.context().close();
        }
    }

    @Test
    void eventsShowLabelledDetailsFilterBySeveralNamesAndExportTheViewAsCsv() throws Exception {
        Page page = signedIn(375);
        try {
            page.navigate(portal.url("/security-events"));
            page.getByLabel("Event names").selectOption(new String[] {"Call Failed", "Call Established"});
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply filter")).click();
            Locator rows = page.locator("#security-events tbody tr[data-event-id]");
            assertThat(rows).hasCount(2);
            assertThat(rows.nth(1).locator("td.details"))
                    .hasText("Number 401 · attempt 2 of 3 · 486 Busy Here · reason busy · Call-ID c0ffee@door");
            assertThat(rows.nth(0).locator("td.details")).hasText("Number 402 · Caller =HYPERLINK(\"http://evil\") · attempt 3 of 3 · SRTP AES_CM_128_HMAC_SHA1_80");
            assertThat(page.locator("#security-events")).not().containsText("Dialing");
            assertNoSidewaysScroll(page, "filtered events");
            BrowserPortalTest.screenshotOf(page, "45-events-two-names-375");

            Download download = page.waitForDownload(() -> page.locator("#export-csv").click());
            List<String> lines = Files.readAllLines(download.path());
            assertThat(lines.get(0)).isEqualTo("id,time,device,event,details,details_json");
            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).contains("\"Call Established\"").contains("\"Number 402 · Caller =HYPERLINK(\"\"http://evil\"\") · attempt 3 of 3");
            assertThat(lines.get(2)).contains("\"Call Failed\"")
                    .contains("\"Number 401 · attempt 2 of 3 · 486 Busy Here · reason busy · Call-ID c0ffee@door\"");
            String viaApi = portal.get("/api/v1/events?format=csv&name=Call%20Failed,Call%20Established",
                    PortalFixture.basic(PortalFixture.ADMIN, PortalFixture.ADMIN_PASSWORD)).body();
            assertThat(viaApi.split("\r\n")).containsExactlyElementsOf(lines);
        } finally {
            page.context().close();
        }
    }
}
