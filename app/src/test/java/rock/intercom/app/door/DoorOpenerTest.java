package rock.intercom.app.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.events.EventQuery;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SqliteEventStore;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.DoorRelease;
import rock.intercom.settings.DoorSettings;
import rock.intercom.settings.ReleaseDuring;
import rock.intercom.settings.ToneRegion;
import rock.intercom.testkit.TestClock;

/**
 * Given door release settings and a file standing in for the relay's sysfs attribute, when the
 * guard's phone sends digits, then the relay pulses for the right code only, and each opening and
 * refusal is a security event in the store.
 */
class DoorOpenerTest {

    @TempDir
    Path dir;

    private SqliteEventStore events;
    private Path relayValue;
    private DoorRelay relay;
    private final AtomicReference<DeviceSettings> settings = new AtomicReference<>();

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        events = SqliteEventStore.open(dir.resolve("data"));
        relayValue = Files.writeString(dir.resolve("value"), "0");
        relay = DoorRelay.parse("sysfs:" + relayValue);
        settings.set(withRelease(new DoorRelease(true, "4711", 1, List.of(ReleaseDuring.INCOMING))));
    }

    @AfterEach
    void close() {
        relay.close();
        events.close();
    }

    private static DeviceSettings withRelease(DoorRelease release) {
        return new DeviceSettings(new Device("rockx-505", "RockX-505"), null, Map.of(),
                new DoorSettings(release, ToneRegion.EUROPE));
    }

    private void send(DoorOpener opener, String callId, boolean incoming, String digits) {
        for (char digit : digits.toCharArray()) {
            opener.digit(callId, incoming, "sip:400@pbx", digit);
            clock.advance(Duration.ofMillis(300));
        }
    }

    private List<String> recorded() {
        return events.query(EventQuery.newest(100)).stream().sorted(Comparator.comparingLong(SecurityEvent::id))
                .map(e -> e.name() + " " + e.details().entrySet().stream().filter(d -> !d.getKey().equals("callId"))
                        .sorted(Map.Entry.comparingByKey()).map(d -> d.getKey() + "=" + d.getValue())
                        .collect(Collectors.joining(",")))
                .toList();
    }

    @Test
    void theRightCodeDuringAnIncomingCallPulsesTheRelayAndRecordsDoorOpened() throws Exception {
        DoorOpener opener = new DoorOpener(settings::get, relay, events, clock);
        send(opener, "call-1", true, "4711");
        assertThat(Files.readString(relayValue)).isEqualTo("1");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> Files.readString(relayValue).equals("0"));
        assertThat(recorded()).containsExactly("Door Opened by=DTMF,pulse=1 s,remote=sip:400@pbx");
    }

    @Test
    void digitsAreIgnoredWhenReleaseIsOffOrNotAllowedDuringThisCall() throws Exception {
        DoorOpener opener = new DoorOpener(settings::get, relay, events, clock);
        send(opener, "call-out", false, "4711");
        settings.set(withRelease(new DoorRelease(false, "4711", 1, List.of(ReleaseDuring.INCOMING))));
        send(opener, "call-in", true, "4711");
        assertThat(Files.readString(relayValue)).isEqualTo("0");
        assertThat(recorded()).isEmpty();
    }

    @Test
    void wrongCodesAreRefusedThreeTimesPerCallThenIgnoredAndTenLockTheDevice() throws Exception {
        DoorOpener opener = new DoorOpener(settings::get, relay, events, clock);
        for (int call = 1; call <= 4; call++) {
            for (int attempt = 0; attempt < 4; attempt++) {
                send(opener, "call-" + call, true, "0000");
            }
        }
        List<String> recorded = recorded();
        assertThat(recorded).filteredOn(e -> e.startsWith("Door Release Refused")).hasSize(10 + 2);
        assertThat(recorded.get(0)).isEqualTo("Door Release Refused attempt=1,by=DTMF,of=3,reason=wrong code,remote=sip:400@pbx");
        assertThat(recorded.get(2)).contains("attempt=3");
        assertThat(recorded.get(10)).startsWith("Door Release Locked ").contains("wrongCodes=10", "within=10 min", "until=");
        // The call that locked it goes on being refused as locked; the right code too.
        assertThat(recorded.get(11)).contains("reason=door release locked");
        send(opener, "call-5", true, "4711");
        assertThat(Files.readString(relayValue)).isEqualTo("0");
        assertThat(recorded()).last().asString().contains("reason=door release locked");
        // Fifteen minutes later the code works again.
        clock.advance(DoorCodeGuard.LOCK);
        send(opener, "call-6", true, "4711");
        assertThat(Files.readString(relayValue)).isEqualTo("1");
    }

    @Test
    void anAdministratorOpensRemotelyAndAMissingRelayIsARefusalNotASilence() throws Exception {
        new DoorOpener(settings::get, relay, events, clock).openBy("admin", "API");
        assertThat(Files.readString(relayValue)).isEqualTo("1");
        assertThat(new DoorOpener(settings::get, DoorRelay.NONE, events, clock).openBy("admin", "portal"))
                .contains("no door relay configured (--door-relay)");
        assertThat(recorded()).containsExactly("Door Opened by=API,pulse=1 s,user=admin",
                "Door Release Refused by=portal,reason=no door relay configured (--door-relay),user=admin");
    }
}
