package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.call.media.SdpAnswer;
import org.junit.jupiter.params.provider.ValueSource;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;

/** Tables for the pure helpers of the call dialogs: source check, SDP refusals, parse-error text. */
class SmallPartsTest {

    @ParameterizedTest
    @CsvSource({"UDP, 40000, false", "udp, 5070, true", "TCP, 40000, true", "TLS, 40001, true", "TCP, 5070, true"})
    void overConnectionsOnlyTheAddressCounts(String transport, int port, boolean fromServer) {
        DeviceSettings settings = settings(new SipServer("127.0.0.1", 5070, Transport.TCP, 30, null), null);
        assertThat(ServerSource.matches(settings, "127.0.0.1", port, transport)).isEqualTo(fromServer);
        assertThat(ServerSource.matches(settings, "127.0.0.9", port, transport)).isFalse();
    }

    static Stream<Arguments> sources() {
        SipServer server = new SipServer("127.0.0.1", 5070, Transport.UDP, 30, null);
        SipServer defaultPort = new SipServer("127.0.0.1", null, Transport.UDP, 30, null);
        Proxy proxy = new Proxy(true, "127.0.0.2", 5080, null, null);
        Proxy disabled = new Proxy(false, "127.0.0.2", 5080, null, null);
        return Stream.of(
                Arguments.of("the server's address and port", settings(server, null), "127.0.0.1", 5070, true),
                Arguments.of("the server's address, another port", settings(server, null), "127.0.0.1", 5071, false),
                Arguments.of("another address, the server's port", settings(server, null), "127.0.0.3", 5070, false),
                Arguments.of("default port 5060 applies", settings(defaultPort, null), "127.0.0.1", 5060, true),
                Arguments.of("the enabled proxy", settings(server, proxy), "127.0.0.2", 5080, true),
                Arguments.of("a disabled proxy is nobody", settings(server, disabled), "127.0.0.2", 5080, false),
                Arguments.of("no SIP settings", new DeviceSettings(new Device("d", "n"), null, Map.of()),
                        "127.0.0.1", 5070, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void serverSourceMatchesAddressAndPort(String row, DeviceSettings settings, String address, int port,
            boolean fromServer) {
        assertThat(ServerSource.matches(settings, address, port)).isEqualTo(fromServer);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 403, 415, 486, 500})
    void sdpRefusalIsOnly400Or488(int status) {
        assertThatThrownBy(() -> new SdpAnswer.Refusal(status, "why")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"400, malformed", "488, notAcceptable"})
    void sdpRefusalFactories(int status, String factory) {
        SdpAnswer.Refusal refusal = factory.equals("malformed")
                ? SdpAnswer.Refusal.malformed("why") : SdpAnswer.Refusal.notAcceptable("why");
        assertThat(refusal.sipStatus()).isEqualTo(status);
    }

    static Stream<Arguments> parseErrors() {
        return Stream.of(
                Arguments.of("From: <<< x >>>;tag=1\n:GenericURI, Bad URI format", "From: <<< x >>>;tag=1 :GenericURI, Bad URI format"),
                Arguments.of("line\r\nbreaks\r\n", "line breaks"),
                Arguments.of("control\u0000and\u00e9", "control?and?"),
                Arguments.of(null, "bad header"),
                Arguments.of("x".repeat(300), "x".repeat(100)));
    }

    @ParameterizedTest
    @MethodSource("parseErrors")
    void parseErrorsBecomeOnePrintableLine(String message, String printable) {
        assertThat(OneLineParseErrors.printable(message)).isEqualTo(printable);
    }

    static Stream<Arguments> offers() {
        String pcmu = "v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8 0\r\n";
        return Stream.of(
                Arguments.of("PCMU among others", pcmu, "sendrecv"),
                Arguments.of("hold", pcmu + "a=sendonly\r\n", "recvonly"),
                Arguments.of("inactive", pcmu + "a=inactive\r\n", "inactive"),
                Arguments.of("PCMA only", pcmu.replace("8 0", "8"), "488"),
                Arguments.of("not SDP", "hello", "400"));
    }

    /** The test media stand-in itself must refuse and mirror correctly, or the wire tests prove nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("offers")
    void fixedPcmuAnswers(String row, String offer, String expected) {
        SdpAnswer answer = new FixedPcmuSdp().answer("c", offer);
        if (answer instanceof SdpAnswer.Refusal refusal) {
            assertThat(Integer.toString(refusal.sipStatus())).isEqualTo(expected);
        } else {
            assertThat(((SdpAnswer.Answer) answer).sdp()).contains("a=" + expected + "\r\n");
        }
    }

    private static DeviceSettings settings(SipServer server, Proxy proxy) {
        return new DeviceSettings(new Device("door-1", "Front door"), new SipSettings(true, server, null,
                new Identity("100", "pw", "Door", "100"), "400", List.of(), null, null, proxy), Map.of());
    }
}
