package rock.intercom.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.events.SecurityEvent;

class SyslogTargetTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "udp://siem.example,          udp://siem.example:514",
            "tcp://10.0.0.9,              tcp://10.0.0.9:601",
            "tls://siem.example,          tls://siem.example:6514",
            "UDP://siem.example:1514,     udp://siem.example:1514",
            "tcp://[2001:db8::9]:601,     tcp://2001:db8::9:601"})
    void acceptedTargets(String url, String parsed) {
        assertThat(SyslogTarget.parse(url, null)).hasToString(parsed);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "smtp://siem.example       | transport must be udp, tcp or tls",
            "siem.example:514          | expected udp://HOST[:PORT]",
            "udp://siem.example/logs   | no path or query",
            "udp://siem.example:0      | port must be 1-65535"})
    void refusedTargets(String url, String reason) {
        assertThatThrownBy(() -> SyslogTarget.parse(url, null)).hasMessageContaining(reason);
    }

    @Test
    void aHugeEventIsCutToTheDatagramBoundOnACharacterBoundary() {
        SecurityEvent event = new SecurityEvent(7, Instant.parse("2026-12-06T17:00:00Z"), "rockx-505", "Call Rejected",
                Map.of("a", "ü".repeat(600), "b", "€".repeat(600)));
        byte[] message = Rfc5424Message.encode(event, "rockx-505", 42);
        assertThat(message.length).isLessThanOrEqualTo(Rfc5424Message.MAX_OCTETS);
        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\uFFFD").startsWith("<84>1 2026-12-06T17:00:00.000Z rockx-505 rock-intercom 42 "
                + "CallRejected [event@32473 id=\"7\"");
    }
}
