package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;

/** Where an outgoing INVITE goes and who it is from, per settings (no sockets). */
class CallRouteTest {

    private static final AddressFactory ADDRESSES = addresses();

    static Stream<Arguments> routes() {
        Identity door = new Identity("auth-7", "pw", "Front Door", "107");
        return Stream.of(
                Arguments.of("UDP, default port, no proxy",
                        settings(new SipServer("pbx.example", null, Transport.UDP, 30, null), door, null),
                        "sip:400@pbx.example:5060", "\"Front Door\" <sip:107@pbx.example>", null, "pbx.example:5060"),
                Arguments.of("TLS gets its default port and the transport parameter",
                        settings(new SipServer("pbx.example", null, Transport.TLS, 30, null), door, null),
                        "sip:400@pbx.example:5061;transport=tls", "\"Front Door\" <sip:107@pbx.example>", null,
                        "pbx.example:5061"),
                Arguments.of("TCP through an enabled proxy: loose Route to it",
                        settings(new SipServer("10.0.0.5", 5070, Transport.TCP, 30, null), door,
                                new Proxy(true, "proxy.example", 5080, "p", "pp")),
                        "sip:400@10.0.0.5:5070;transport=tcp", "\"Front Door\" <sip:107@10.0.0.5>",
                        "<sip:proxy.example:5080;lr;transport=tcp>", "proxy.example:5080"),
                Arguments.of("a disabled proxy is ignored",
                        settings(new SipServer("10.0.0.5", 5060, Transport.UDP, 30, null), door,
                                new Proxy(false, "proxy.example", 5080, null, null)),
                        "sip:400@10.0.0.5:5060", "\"Front Door\" <sip:107@10.0.0.5>", null, "10.0.0.5:5060"),
                Arguments.of("no extension: the auth user names the caller; no display name",
                        settings(new SipServer("10.0.0.5", 5060, Transport.UDP, 30, null),
                                new Identity("auth-7", "pw", " ", null), null),
                        "sip:400@10.0.0.5:5060", "<sip:auth-7@10.0.0.5>", null, "10.0.0.5:5060"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void buildsRequestUriFromAndRoute(String row, DeviceSettings settings, String requestUri, String from,
            String route, String nextHop) throws Exception {
        CallRoute callRoute = CallRoute.from(settings);

        assertThat(callRoute.requestUri(ADDRESSES, "400").toString()).isEqualTo(requestUri);
        assertThat(callRoute.from(ADDRESSES).toString()).isEqualTo(from);
        assertThat(callRoute.proxyRoute(ADDRESSES) == null ? null : callRoute.proxyRoute(ADDRESSES).toString())
                .isEqualTo(route);
        assertThat(callRoute.nextHop()).isEqualTo(nextHop);
    }

    static Stream<Arguments> unusable() {
        Identity door = new Identity("auth-7", "pw", "Front Door", "107");
        return Stream.of(
                Arguments.of("no SIP settings", new DeviceSettings(new Device("d", "n"), null, Map.of()),
                        "no SIP server configured"),
                Arguments.of("blank server address",
                        settings(new SipServer(" ", null, Transport.UDP, 30, null), door, null),
                        "no SIP server configured"),
                Arguments.of("no identity", settings(new SipServer("pbx", null, Transport.UDP, 30, null), null, null),
                        "no extension configured"),
                Arguments.of("blank extension and auth user",
                        settings(new SipServer("pbx", null, Transport.UDP, 30, null),
                                new Identity("", "pw", "Door", " "), null),
                        "no extension configured"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void refusesSettingsThatNameNoRoute(String row, DeviceSettings settings, String message) {
        assertThatThrownBy(() -> CallRoute.from(settings)).isInstanceOf(CallRoute.UnusableSettings.class)
                .hasMessage(message);
    }

    private static DeviceSettings settings(SipServer server, Identity identity, Proxy proxy) {
        return new DeviceSettings(new Device("door-1", "Front door"),
                new SipSettings(true, server, null, identity, "400", List.of(), null, null, proxy), Map.of());
    }

    private static AddressFactory addresses() {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            return factory.createAddressFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IllegalStateException(e);
        }
    }
}
