package rock.intercom.sip;

import java.time.Duration;

/** Agent timings for the registration tests. */
final class AgentTimings {

    private AgentTimings() {
    }

    /** Production timings except a quick first retry after a refusal, so tests can see it within seconds. */
    static SipAgentOptions fast() {
        return new SipAgentOptions(0, Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(600));
    }
}
