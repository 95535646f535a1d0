package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import rock.intercom.call.ProgressTone;
import rock.intercom.call.Ticker;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.call.media.CallMedia;
import rock.intercom.events.EventQuery;
import rock.intercom.events.SecurityEvent;
import rock.intercom.events.SqliteEventStore;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SettingsCodec;

/**
 * The call driver runs the call logic's commands on its thread: given a device whose call number
 * rings forever, when the button is pressed, then the call timeout (a real timer) cancels it and
 * the events land in the store, with the media the answering input carried. Posting never waits:
 * a full queue drops.
 */
class CallControllerTest {

    @TempDir
    Path dir;

    private final List<String> wire = new CopyOnWriteArrayList<>();
    private volatile Consumer<CallInput> sink;
    private SqliteEventStore events;
    private DeviceSettings settings;
    private CallController controller;
    /** While set, the call thread blocks in sendInvite until it counts down. */
    private volatile CountDownLatch inviteGate;

    @BeforeEach
    void start() throws Exception {
        settings = new SettingsCodec().readYaml(Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("callTimeoutSeconds: 35", "callTimeoutSeconds: 5")
                .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: []"));
        events = SqliteEventStore.open(dir);
        controller = new CallController("rockx-505", new DoorCall(settings, Ticker.system(), CallIdGenerator.random()),
                new RecordingSignalling(), new RecordingMedia(), events);
    }

    /** Records the media commands; the real media is tested in the audio tests. */
    private final class RecordingMedia implements CallMedia {
        @Override
        public void connect(Consumer<CallInput> sink) {
            wire.add("media connected");
        }

        @Override
        public void start(String callId, CallDirection direction) {
            wire.add("media start");
        }

        @Override
        public void stop(String callId) {
            wire.add("media stop");
        }

        @Override
        public void startEarly(String callId) {
            wire.add("early media start");
        }

        @Override
        public void playTone(ProgressTone tone, Duration length) {
            wire.add("tone " + tone + " " + length.toSeconds() + " s");
        }

        @Override
        public void stopTone() {
            wire.add("tone stop");
        }
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
    void everyScreenIsToldToTheListenersInOrderOnTheCallThread() throws Exception {
        List<String> shown = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AutoCloseable watch = controller.onScreen(screen -> {
            shown.add(screen.text());
            threads.add(Thread.currentThread().getName());
        });
        controller.onScreen(screen -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
        String callId = controller.state().leg().callId();
        controller.post(new CallInput.Provisional(callId, 180));
        controller.post(new CallInput.Answered(callId, new AgreedMedia("RTP", "PCMU")));
        controller.post(new CallInput.RemoteHangUp(callId));
        await().atMost(Duration.ofSeconds(5)).until(() -> shown.size() >= 4);

        assertThat(shown).containsExactly("Dialing 400…", "Ringing 400…", "Connected 400", "Idle");
        assertThat(threads).allMatch(name -> name.equals("call-rockx-505"));
        watch.close();
        Thread.sleep(600); // past the button's 500 ms debounce, so this press dials
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> controller.screen().text().startsWith("Dialing"));
        assertThat(shown).hasSize(4);
    }

    @Test
    void anAnsweredCallStartsMediaAndSaysHowItIsProtected() {
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
        String callId = controller.state().leg().callId();
        controller.post(new CallInput.Answered(callId, new AgreedMedia("SRTP AES_CM_128_HMAC_SHA1_80", "PCMU")));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("media start"));
        assertThat(wire).contains("ACK");
        assertThat(latest("Call Established").details()).containsEntry("media", "SRTP AES_CM_128_HMAC_SHA1_80");
        assertThat(controller.screen().text()).isEqualTo("Connected 400");

        controller.post(new CallInput.RemoteHangUp(callId));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("media stop"));
        assertThat(latest("Hanging Up").details()).containsEntry("side", "remote");
    }

    @Test
    void theRingbackPlaysFrom180AndStopsBeforeMediaStarts() {
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
        String callId = controller.state().leg().callId();
        controller.post(new CallInput.Provisional(callId, 180));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("tone RINGBACK 5 s"));

        controller.post(new CallInput.Answered(callId, new AgreedMedia("RTP", "PCMU")));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("media start"));
        assertThat(wire.subList(wire.indexOf("tone RINGBACK 5 s"), wire.size()))
                .containsSubsequence("tone stop", "ACK", "media start");
    }

    @Test
    void earlyMediaReplacesTheRingbackAndGoesOnWhenAnswered() {
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
        String callId = controller.state().leg().callId();
        controller.post(new CallInput.Provisional(callId, 183, new AgreedMedia("RTP", "PCMU")));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("early media start"));
        assertThat(controller.screen().text()).isEqualTo("Ringing 400…");

        controller.post(new CallInput.Answered(callId, new AgreedMedia("RTP", "PCMU")));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("media start"));
        assertThat(wire).noneMatch(line -> line.startsWith("tone")).doesNotContain("media stop");
    }

    @Test
    void aFailedCallPlaysTheBusyToneWithTheFailedScreen() {
        controller.post(new CallInput.ButtonPressed());
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
        String callId = controller.state().leg().callId();
        controller.post(new CallInput.Provisional(callId, 180));
        controller.post(new CallInput.Rejected(callId, 486, "Busy Here"));
        await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("tone BUSY 3 s"));
        assertThat(wire).containsSubsequence("tone RINGBACK 5 s", "tone stop", "tone BUSY 3 s");
        assertThat(controller.screen().text()).isEqualTo("Call failed");
    }

    @Test
    void theControllerConnectsItselfToTheMediaAndTheSignalling() {
        assertThat(wire).startsWith("media connected");
        assertThat(sink).isNotNull();
    }

    @Test
    void aFullQueueDropsInputsWithoutBlockingThePoster() throws Exception {
        controller.close();
        CallController small = new CallController("rockx-505", new DoorCall(settings, Ticker.system(),
                CallIdGenerator.random()), new RecordingSignalling(), new RecordingMedia(), events, 4);
        CountDownLatch gate = new CountDownLatch(1);
        inviteGate = gate;
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CallController.class);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        logger.addAppender(logged);
        try {
            small.post(new CallInput.ButtonPressed());
            await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));

            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                small.post(new CallInput.Provisional("call-" + i, 180));
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(tookMillis).as("posting to a full queue returns at once").isLessThan(1000);
            assertThat(small.droppedInputs()).isEqualTo(96);
            assertThat(logged.list).as("one rate-limited WARN for the flood")
                    .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).hasSize(1);
        } finally {
            logger.detachAppender(logged);
            gate.countDown();
            small.close();
        }
    }

    @Test
    void theWatchdogProbeIsAnsweredWhileTheCallThreadWorksAndNotWhileItIsStuck() throws Exception {
        controller.close();
        CallController small = new CallController("rockx-505", new DoorCall(settings, Ticker.system(),
                CallIdGenerator.random()), new RecordingSignalling(), new RecordingMedia(), events, 4);
        CountDownLatch gate = new CountDownLatch(1);
        inviteGate = gate;
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        try {
            assertThat(small.probe(answered::incrementAndGet)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() == 1);

            small.post(new CallInput.ButtonPressed()); // the call thread now hangs in sendInvite
            await().atMost(Duration.ofSeconds(5)).until(() -> wire.contains("INVITE 400"));
            for (int i = 0; i < 10; i++) {
                small.post(new CallInput.Provisional("call-" + i, 180));
            }
            small.probe(answered::incrementAndGet); // full queue: counts the progress made before it stuck
            int stuck = answered.get();
            for (int i = 0; i < 3; i++) {
                small.probe(answered::incrementAndGet);
            }
            Thread.sleep(300);
            assertThat(answered.get()).as("a stuck call thread answers no probe").isEqualTo(stuck);

            gate.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> small.probe(answered::incrementAndGet)
                    && answered.get() > stuck);
        } finally {
            gate.countDown();
            small.close();
        }
        assertThat(small.probe(answered::incrementAndGet)).as("closed").isFalse();
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
            CountDownLatch gate = inviteGate;
            if (gate != null) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
