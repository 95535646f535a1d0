package rock.intercom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rock.intercom.settings.Transport;
import rock.intercom.sip.RegistrationChange;

class PressRehearsalTest {

    private static final String OFFER = "v=0\r\n";

    @Test
    void rehearsesEveryTimeWhileOffersAndInvitesCanBeMade() {
        AtomicInteger invites = new AtomicInteger();
        PressRehearsal rehearsal = new PressRehearsal(() -> OFFER, offer -> invites.incrementAndGet());

        assertThat(rehearsal.rehearse()).isEqualTo(PressRehearsal.TIMES);
        assertThat(invites).hasValue(PressRehearsal.TIMES);
    }

    @Test
    void stopsAtTheFirstMissingOfferRefusedInviteOrStoppedStack() {
        AtomicInteger offers = new AtomicInteger();
        assertThat(new PressRehearsal(() -> offers.incrementAndGet() > 5 ? null : OFFER, offer -> 1).rehearse())
                .isEqualTo(5);
        assertThat(new PressRehearsal(() -> OFFER, offer -> -1).rehearse()).isZero();
        assertThat(new PressRehearsal(() -> OFFER, offer -> {
            throw new IllegalStateException("stack stopped");
        }).rehearse()).isZero();
    }

    /** Only REGISTERED starts it, and only the first one: a re-registration after an outage does not. */
    @Test
    void runsOnceAfterTheFirstRegistration() throws Exception {
        AtomicInteger invites = new AtomicInteger();
        PressRehearsal rehearsal = new PressRehearsal(() -> OFFER, offer -> invites.incrementAndGet());

        rehearsal.registrationChanged(new RegistrationChange.RegistrationLost(Instant.now(), "pbx", "timeout"));
        Thread.sleep(100);
        assertThat(invites).hasValue(0);
        RegistrationChange registered = new RegistrationChange.Registered(Instant.now(), "pbx", Transport.UDP);
        rehearsal.registrationChanged(registered);
        await().atMost(Duration.ofSeconds(5)).until(() -> invites.get() == PressRehearsal.TIMES);
        rehearsal.registrationChanged(registered);
        Thread.sleep(100);
        assertThat(invites).hasValue(PressRehearsal.TIMES);
    }
}
