package rock.intercom.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import rock.intercom.portal.Role;

class SessionStoreTest {

    final LoginThrottleTest.ManualClock clock = new LoginThrottleTest.ManualClock();
    final SessionStore sessions = new SessionStore(clock, Duration.ofMinutes(30));
    final PortalUser admin = new PortalUser("admin", Role.ACCOUNT_ADMINISTRATOR);

    @Test
    void sessionLapsesAfterTheIdleTimeoutAndUseExtendsIt() {
        PortalSession session = sessions.create(admin);
        assertThat(session.id()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(session.csrfToken());
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.touch(session.id())).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.touch(session.id())).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(sessions.touch(session.id())).isEmpty();
    }

    @Test
    void endedAndUnknownSessionsAreRefused() {
        PortalSession session = sessions.create(admin);
        sessions.end(session.id());
        assertThat(sessions.touch(session.id())).isEmpty();
        assertThat(sessions.touch("made-up")).isEmpty();
        assertThat(sessions.touch(null)).isEmpty();
    }
}
