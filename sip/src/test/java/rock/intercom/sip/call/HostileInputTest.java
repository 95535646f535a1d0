package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import rock.intercom.settings.Transport;
import rock.intercom.sip.RegistrationState;
import rock.intercom.sip.SipAgent;
import rock.intercom.sip.SipAgentOptions;
import rock.intercom.testkit.Sipp;
import rock.intercom.testkit.TestDevices;

/**
 * Junk sent straight to the door's SIP port (issue 11): it neither fails a registration nor
 * fills the log, and the door keeps answering. The registrar is SIPp leaving the first REGISTER
 * unanswered; the junk comes from a bare UDP socket, the only sender that can be this broken.
 */
class HostileInputTest {

    private static final Path DIR = Path.of("target", "call-tests", "hostile-input").toAbsolutePath();
    private static final int POLLING_SECONDS = 5;
    /** A request without CSeq (~240 bytes): once worth ~197 KB of log each (an NPE and the 64 KiB receive buffer). */
    private static final String NO_CSEQ = "INVITE sip:100@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKjunk\r\n"
            + "From: <sip:400@127.0.0.1>;tag=junk\r\nTo: <sip:100@127.0.0.1>\r\n"
            + "Call-ID: junk-without-cseq@127.0.0.1\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n"
            + "X-Pad: 0123456789012345678\r\n\r\n";
    /** Looks like an answer to a REGISTER, but not to ours (no branch of ours) and does not parse. */
    private static final String JUNK_RESPONSE = "SIP/2.0 200 OK\r\nVia SIP 2.0 nowhere\r\nContent-Length: banana\r\n\r\n";

    /** Production timings, except a refusal would first be retried after 30 s (past the bound). */
    private static SipAgentOptions options() {
        return new SipAgentOptions(0, Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(600));
    }

    @Test
    void junkDuringAnUnansweredRegisterDoesNotFailIt() throws Exception {
        List<RegistrationState> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        try (Sipp registrar = Sipp.server("slow-registrar", DIR.resolve("registrar"));
                SipAgent agent = new SipAgent(options())) {
            agent.start(TestDevices.registering(
                    TestDevices.server("127.0.0.1", registrar.port(), Transport.UDP, POLLING_SECONDS, null)));
            Thread junk = new Thread(() -> {
                try (RawSipPeer peer = new RawSipPeer(agent.localPort())) {
                    while (flooding.get()) {
                        peer.send(NO_CSEQ);
                        peer.send(JUNK_RESPONSE);
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "junk-sender");
            junk.start();
            try {
                await().atMost(Duration.ofSeconds(POLLING_SECONDS + 5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            RegistrationState state = agent.registrationStatus().state();
                            seen.add(state);
                            return state == RegistrationState.REGISTERED;
                        });
            } finally {
                flooding.set(false);
                junk.join();
            }
            assertThat(seen).as("the unanswered attempt is an outage, never a refusal")
                    .doesNotContain(RegistrationState.FAILED);
            assertThat(registrar.messages()).as("the first REGISTER was left unanswered").contains("REGISTER");
            String reason = agent.registrationStatus().lastFailureReason();
            assertThat(reason == null ? "" : reason).doesNotContain("malformed");
        }
    }

    @Test
    void fiveHundredBadPacketsCostBoundedLogAndTheDoorStillAnswers() {
        try (Sipp registrar = Sipp.server("slow-registrar", DIR.resolve("registrar-log"));
                SipAgent agent = new SipAgent(options());
                RawSipPeer peer = new RawSipPeer(agent.localPort())) {
            agent.start(TestDevices.registering(
                    TestDevices.server("127.0.0.1", registrar.port(), Transport.UDP, POLLING_SECONDS, null)));
            await().atMost(Duration.ofSeconds(POLLING_SECONDS + 5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
            assertThat(peer.options(Duration.ofSeconds(2))).isEqualTo(200);

            try (LogBytes log = LogBytes.attach()) {
                for (int i = 0; i < 500; i++) {
                    peer.send(NO_CSEQ.replace("junk-without-cseq", "junk-" + i));
                    if (i % 50 == 49) {
                        // Paced a little, so the kernel's receive buffer does not drop what should be counted.
                        assertThat(peer.options(Duration.ofSeconds(2))).as("OPTIONS after " + (i + 1)).isEqualTo(200);
                    }
                }
                System.out.printf("500 bad packets: %d log bytes in %d lines, longest message %d bytes%n",
                        log.bytes(), log.events(), log.longestMessage());
                assertThat(log.bytes()).isLessThanOrEqualTo(50_000);
                assertThat(log.longestMessage()).isLessThanOrEqualTo(500);
            }
        }
    }
}
