package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.testkit.TestClock;

/** The location service: bindings, refreshes, expiry and removal (RFC 3261 §10.3). */
class RegistrarTest {
    private final TestClock clock = new TestClock();
    private final Registrar registrar = new Registrar(clock);

    @ParameterizedTest(name = "asked {0} s -> granted {1} s")
    @CsvSource({"-1, 3600", "0, 0", "30, 30", "3600, 3600", "86400, 3600"})
    void grantedExpiry(long asked, long granted) {
        assertThat(Registrar.granted(asked)).isEqualTo(Duration.ofSeconds(granted));
    }

    @Test
    void bindRefreshExpire() {
        registrar.bind("505", "sip:505@10.0.0.5:5060", Duration.ofSeconds(60));
        assertThat(registrar.isRegistered("505")).isTrue();
        clock.advance(Duration.ofSeconds(50));
        registrar.bind("505", "sip:505@10.0.0.5:5060", Duration.ofSeconds(60)); // refresh, not a second binding
        assertThat(registrar.bindings("505")).hasSize(1);
        clock.advance(Duration.ofSeconds(50));
        assertThat(registrar.isRegistered("505")).isTrue();
        clock.advance(Duration.ofSeconds(11));
        assertThat(registrar.bindings("505")).isEmpty();
    }

    @Test
    void zeroExpiryRemovesOneContactAndWildcardRemovesAll() {
        registrar.bind("505", "sip:a@1", Duration.ofSeconds(60));
        registrar.bind("505", "sip:b@2", Duration.ofSeconds(60));
        registrar.bind("505", "sip:a@1", Duration.ZERO);
        assertThat(registrar.bindings("505")).extracting(Binding::contact).containsExactly("sip:b@2");
        registrar.unbindAll("505");
        assertThat(registrar.isRegistered("505")).isFalse();
    }

    @Test
    void contactsPerUserAreBoundedOldestReplaced() {
        for (int i = 0; i <= Registrar.MAX_CONTACTS_PER_USER; i++) {
            registrar.bind("505", "sip:505@host" + i, Duration.ofSeconds(60));
        }
        assertThat(registrar.bindings("505")).hasSize(Registrar.MAX_CONTACTS_PER_USER)
            .extracting(Binding::contact).doesNotContain("sip:505@host0")
            .contains("sip:505@host" + Registrar.MAX_CONTACTS_PER_USER);
    }

    @Test
    void usersAreSeparate() {
        registrar.bind("505", "sip:505@x", Duration.ofSeconds(60));
        assertThat(registrar.isRegistered("506")).isFalse();
    }
}
