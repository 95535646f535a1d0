package rock.intercom.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import rock.intercom.portal.Role;
import rock.intercom.testkit.TestClock;

class SessionStoreTest {

    final TestClock clock = new TestClock();
    final SessionStore sessions = new SessionStore(clock, Duration.ofMinutes(30));
    final PortalUser admin = new PortalUser("admin", Role.ACCOUNT_ADMINISTRATOR);

    @Test
    void sessionLapsesAfterTheIdleTimeoutAndUseExtendsIt() {
        PortalSession session = sessions.create(admin);
        assertThat(session.id()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(session.csrfToken());
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.touch(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(30));
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

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverBusy() {
        SessionStore store = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12));
        PortalSession session = store.create(admin, "stamp");
        for (int minutes = 0; minutes < 12 * 60 - 10; minutes += 10) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(store.touch(session.id())).as("after %d min", minutes + 10).isPresent();
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(store.touch(session.id())).isEmpty();
    }

    @Test
    void endAllOfEndsAUsersOtherSessions() {
        PortalSession kept = sessions.create(admin);
        PortalSession other = sessions.create(admin);
        PortalSession someoneElse = sessions.create(new PortalUser("guard", Role.VIEWER));
        sessions.endAllOf("admin", kept.id());
        assertThat(sessions.touch(kept.id())).isPresent();
        assertThat(sessions.touch(other.id())).isEmpty();
        assertThat(sessions.touch(someoneElse.id())).isPresent();
    }
}
