package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.settings.Transport;
import rock.intercom.testkit.Sipp;
import rock.intercom.testkit.TestDevices;

/**
 * Malformed or hostile answers from a fake server (SIPp): the agent reports FAILED with a reason,
 * and keeps running — it still answers status queries and accepts new settings.
 */
class HostileServerTest {

    private static final String[] SCENARIOS = {"garbage", "missing-headers", "huge-headers", "no-challenge"};

    @TempDir
    static Path dir;
    static final Map<String, Sipp> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSipp() {
        for (String scenario : SCENARIOS) {
            SERVERS.put(scenario, Sipp.server(scenario, dir.resolve(scenario)));
        }
    }

    @AfterAll
    static void stopSipp() {
        SERVERS.values().forEach(Sipp::close);
    }

    static Stream<Arguments> hostileAnswers() {
        return Stream.of(
                Arguments.of("garbage", "malformed response from server"),
                Arguments.of("missing-headers", "malformed response from server"),
                Arguments.of("huge-headers", "server refused registration: 500 Huge Answer"),
                Arguments.of("no-challenge", "401 without a usable challenge: no WWW-Authenticate header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileAnswers")
    void reportsFailedWithReasonAndKeepsRunning(String scenario, String reason) {
        Sipp sipp = SERVERS.get(scenario);
        try (SipAgent agent = new SipAgent(AgentTimings.fast())) {
            agent.start(TestDevices.registering(TestDevices.server("127.0.0.1", sipp.port(), Transport.UDP, 30, null)));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.FAILED);
            assertThat(agent.registrationStatus().lastFailureReason()).startsWith(reason);

            // Still alive: switching SIP off is honoured.
            agent.apply(TestDevices.disabled(TestDevices.registering(
                    TestDevices.server("127.0.0.1", sipp.port(), Transport.UDP, 30, null))));
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> agent.registrationStatus().state() == RegistrationState.DISABLED);
        }
        assertThat(sipp.isRunning()).isTrue();
    }
}
