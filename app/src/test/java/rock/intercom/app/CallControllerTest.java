package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.call.CallCommand;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallIdGenerator;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.call.DoorCall;
import rock.intercom.call.Ticker;
import rock.intercom.events.EventQuery;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SqliteEventStore;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SettingsCodec;

/**
 * The call driver runs the call logic's commands on its thread: given a device whose call number
 * rings forever, when the button is pressed, then the call timeout (a real timer) cancels it and
 * the events land in the store with the media security added.
 */
class CallControllerTest {

    @TempDir
    Path dir;

    private final List<String> wire = new CopyOnWriteArrayList<>();
    private volatile Consumer<CallInput> sink;
    private SqliteEventStore events;
    private CallController controller;

    @BeforeEach
    void start() throws Exception {
        DeviceSettings settings = new SettingsCodec().readYaml(Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("callTimeoutSeconds: 35", "callTimeoutSeconds: 5")
                .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: []"));
        events = SqliteEventStore.open(dir);
        CallMedia media = new CallMedia() {
            @Override
            public void start(String callId, CallDirection direction) {
                wire.add("media start");
            }

            @Override
            public void stop(String callId) {
                wire.add("media stop");
            }

            @Override
            public Optional<String> mediaSecurity(String callId) {
                return Optional.of("SRTP AES_CM_128_HMAC_SHA1_80");
            }
        };
        controller = new CallController("rockx-505", new DoorCall(settings, Ticker.system(), CallIdGenerator.random()),
                new RecordingSignalling(), media, events);
    }

    @AfterEach
    void stop() {
        controller.close();
        events.close();
    }

    @Test
    void anUnansweredCallIsCancelledByTheCallTimeout() {
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
        String callId = controller.state().leg().callId();
        controller.post(new CallInput.Provisional(callId, 180));
        await().atMost(Duration.ofSeconds(5)).until(() -> controller.screen().text().equals("Ringing 400…"));

        await().atMost(Duration.ofSeconds(9)).until(() -> wire.contains("CANCEL"));
        await().atMost(Duration.ofSeconds(5)).until(() -> names().size() >= 3);
        assertThat(names()).containsExactly("Dialing", "Call Failed", "Call Failed");
        List<SecurityEvent> failures = events.query(new EventQuery(null, java.util.Set.of("Call Failed"), null, null,
                null, 10));
        assertThat(failures.get(1).details()).containsEntry("reason", "no answer").containsEntry("callId", callId);
        assertThat(failures.get(0).details()).containsEntry("reason", "all fallback numbers tried");
    }

    @Test
    void anAnsweredCallStartsMediaAndSaysHowItIsProtected() {
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
        String callId = controller.state().leg().callId();
        controller.post(new CallInput.Answered(callId));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("media start"));
        assertThat(wire).contains("ACK");
        assertThat(latest("Call Established").details()).containsEntry("media", "SRTP AES_CM_128_HMAC_SHA1_80");
        assertThat(controller.screen().text()).isEqualTo("Connected 400");

        controller.post(new CallInput.RemoteHangUp(callId));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("media stop"));
        assertThat(latest("Hanging Up").details()).containsEntry("side", "remote");
    }

    private List<String> names() {
        return events.query(new EventQuery(null, null, null, null, null, 100)).stream().map(SecurityEvent::name)
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> { java.util.Collections.reverse(l); return l; }));
    }

    private SecurityEvent latest(String name) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.query(
                new EventQuery(null, java.util.Set.of(name), null, null, null, 1)).isEmpty());
        return events.query(new EventQuery(null, java.util.Set.of(name), null, null, null, 1)).get(0);
    }

    /** Records what would go on the wire; the SIP adapter itself is tested against Kamailio and SIPp. */
    private final class RecordingSignalling implements CallSignalling {
        @Override
        public void start(Consumer<CallInput> sink) {
            CallControllerTest.this.sink = sink;
        }

        @Override
        public void sendInvite(CallCommand.SendInvite invite) {
            wire.add("INVITE " + invite.number());
        }

        @Override
        public void sendCancel(String callId) {
            wire.add("CANCEL");
        }

        @Override
        public void sendAck(String callId) {
            wire.add("ACK");
        }

        @Override
        public void sendBye(String callId) {
            wire.add("BYE");
        }

        @Override
        public void answerIncoming(String callId) {
            wire.add("200 INVITE");
        }

        @Override
        public void rejectIncoming(String callId, int sipStatus, String reason) {
            wire.add(sipStatus + " INVITE");
        }
    }
}
