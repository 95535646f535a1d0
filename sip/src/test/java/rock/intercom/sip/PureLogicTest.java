package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.settings.Transport;

/** The small pure pieces: TLS failure wording, backoff, refresh timing, SRV choice. */
class PureLogicTest {

    static Stream<Arguments> tlsFailures() {
        return Stream.of(
                Arguments.of("PKIX path building", new CertificateException(
                        "PKIX path building failed: unable to find valid certification path to requested target"),
                        "certificate not trusted"),
                Arguments.of("wrapped in handshake", new SSLHandshakeException("handshake").initCause(
                        new CertificateException("PKIX path validation failed")), "certificate not trusted"),
                Arguments.of("no IP SAN", new CertificateException(
                        "No subject alternative names matching IP address 127.0.0.1 found"), "host name mismatch"),
                Arguments.of("no DNS SAN", new CertificateException(
                        "No subject alternative DNS name matching pbx.example found."), "host name mismatch"),
                Arguments.of("expired leaf", new CertificateException("validity",
                        new CertificateExpiredException("NotAfter: ...")), "expired"),
                Arguments.of("expired in path", new CertificateException("PKIX path validation failed",
                        new CertPathValidatorException("validity check failed", null, null, -1,
                                CertPathValidatorException.BasicReason.EXPIRED)), "expired"),
                Arguments.of("anything else", new CertificateException("weird"), "TLS verification failed: weird"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tlsFailures")
    void namesTlsFailures(String name, Throwable failure, String reason) {
        assertThat(TlsFailureReason.of(failure)).isEqualTo(reason);
    }

    @Test
    void backoffDoublesUpToItsCapAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(List.of(backoff.next(), backoff.next(), backoff.next(), backoff.next()))
                .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(500),
                        Duration.ofMillis(500));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusalBackoffNeverStorms() {
        SipAgentOptions defaults = SipAgentOptions.onPort(5060);
        Backoff backoff = new Backoff(defaults.refusedRetryFirst(), defaults.refusedRetryCap());
        Duration total = Duration.ZERO;
        for (int i = 0; i < 10; i++) {
            total = total.plus(backoff.next());
        }
        // Ten refusals in a row take hours, not seconds.
        assertThat(total).isGreaterThan(Duration.ofHours(2));
    }

    @ParameterizedTest(name = "granted {0} s → refresh after {1} ms")
    @CsvSource({"3600, 3570000", "600, 570000", "61, 31000", "60, 30000", "2, 1000", "1, 500", "0, 500"})
    void refreshesBeforeTheGrantedExpiry(int granted, long refreshMillis) {
        assertThat(RegistrationClient.refreshDelay(granted)).isEqualTo(Duration.ofMillis(refreshMillis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10 60 5060 sip1.example.com.  | 10 | 60 | 5060 | sip1.example.com
            0 0 5061 tls.example.com      | 0  | 0  | 5061 | tls.example.com
            """)
    void parsesSrvAnswers(String text, int priority, int weight, int port, String target) {
        assertThat(ServerLocator.SrvRecord.parse(text))
                .contains(new ServerLocator.SrvRecord(priority, weight, port, target));
    }

    @ParameterizedTest
    @CsvSource({"'0 0 0 .'", "'10 x 5060 a.example.'", "'10 60 5060'"})
    void ignoresUnusableSrvAnswers(String text) {
        assertThat(ServerLocator.SrvRecord.parse(text)).isEmpty();
    }

    @Test
    void picksLowestPriorityThenHighestWeight() {
        var a = new ServerLocator.SrvRecord(20, 100, 5060, "backup.example");
        var b = new ServerLocator.SrvRecord(10, 10, 5060, "light.example");
        var c = new ServerLocator.SrvRecord(10, 90, 5060, "heavy.example");
        assertThat(ServerLocator.best(List.of(a, b, c))).contains(c);
        assertThat(ServerLocator.best(List.of())).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource({"UDP, _sip._udp.pbx.example", "TCP, _sip._tcp.pbx.example", "TLS, _sips._tcp.pbx.example"})
    void asksTheRfc3263ServiceForTheTransport(Transport transport, String name) {
        assertThat(ServerLocator.srvName("PBX.example", transport)).isEqualTo(name);
    }

    @Test
    void optionsRejectAResponseTimeoutThatBreaksTheDetectionBound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SipAgentOptions(0, Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofSeconds(600)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
