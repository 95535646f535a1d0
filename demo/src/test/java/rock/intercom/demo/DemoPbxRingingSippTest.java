package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import rock.intercom.testkit.FreePorts;
import rock.intercom.testkit.Sipp;

/**
 * The guard desk while it rings (a long ring delay keeps it there): SIPp cancels (200 + 487), or
 * the PBX hangs up (603). One PBX for the class.
 */
@Execution(ExecutionMode.SAME_THREAD)
class DemoPbxRingingSippTest {
    private static DemoPbx pbx;

    @BeforeAll
    static void startPbx() throws Exception {
        pbx = DemoPbx.start(DemoPbxOptions.of(0, Map.of("505", DemoPbxSippTest.DOOR_PASSWORD))
            .withRingDelay(Duration.ofSeconds(50)));
    }

    @AfterAll
    static void stopPbx() {
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    void cancelWhileRingingGets200And487() throws Exception {
        Sipp.Outcome outcome = DemoPbxSippTest.door("cancel-while-ringing.xml", pbx.port(), "400")
            .key("rtp_port", FreePorts.tcpAndUdp()).run();
        assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        assertThat(outcome.messages()).contains("SIP/2.0 487 Request Terminated");
        await().atMost(Duration.ofSeconds(5)).until(() -> pbx.callsInProgress() == 0);
    }

    @Test
    void hangUpWhileRingingDeclinesTheCall() throws Exception {
        try (Sipp sipp = DemoPbxSippTest.door("invite-refused.xml", pbx.port(), "400").fill(Map.of("@STATUS@", "603",
            "@MEDIA@", "      m=audio " + FreePorts.tcpAndUdp() + " RTP/AVP 0")).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pbx.callsInProgress() == 1);
            pbx.hangUp();
            Sipp.Outcome outcome = sipp.awaitExit();
            assertThat(outcome.passed()).as(outcome.toString()).isTrue();
        }
        assertThat(pbx.callsInProgress()).isZero();
    }
}
