package rock.intercom.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.IncomingCalls;
import rock.intercom.testkit.TestDevices;

/** The policy table of issues 5 and 11: allow flag × mode × direct calls × source × caller → decision. */
class IncomingCallPolicyTest {

    private static final List<String> LIST = List.of("sip:200@10.0.0.5", "sips:guard@Example.COM");
    private static final InviteSource VIA_SERVER = InviteSource.viaServer("10.0.0.5", 5060);
    private static final InviteSource SERVER_ADDRESS = InviteSource.from("10.0.0.5", 5060);
    private static final InviteSource SERVER_OTHER_PORT = InviteSource.from("10.0.0.5", 5062);
    private static final InviteSource PROXY_ADDRESS = InviteSource.from("10.0.0.9", 5070);
    private static final InviteSource LAN = InviteSource.from("192.168.1.66", 5060);

    private static final IncomingDecision FORBIDDEN_DISABLED = refuse(403, "incoming calls disabled");
    private static final IncomingDecision NOT_LISTED = refuse(403, "caller not in Allow Incoming Calls list");
    private static final IncomingDecision NOT_FROM_SERVER = refuse(403, "caller did not come through the SIP server");

    record Row(String name, DeviceSettings settings, InviteSource source, String caller, String asserted,
            String target, IncomingDecision expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        var list = settings(true, IncomingCallMode.EXTENSION_LIST, Map.of());
        var server = settings(true, IncomingCallMode.SIP_SERVER, Map.of());
        var legacyServer = settings(true, null, Map.of(DeviceSettings.SERVER_CONTROLS_ALLOWED_CALLERS, "true"));
        var legacyDefault = settings(true, null, Map.of());
        var disabledList = settings(false, IncomingCallMode.EXTENSION_LIST, Map.of());
        var disabledServer = settings(false, IncomingCallMode.SIP_SERVER, Map.of());
        var direct = directCalls(true, IncomingCallMode.EXTENSION_LIST);
        var directServer = directCalls(true, IncomingCallMode.SIP_SERVER);
        var disabledDirect = directCalls(false, IncomingCallMode.EXTENSION_LIST);
        return Stream.of(
                new Row("disabled, listed caller via server", disabledList, VIA_SERVER, "sip:200@10.0.0.5", null, "100",
                        FORBIDDEN_DISABLED),
                new Row("disabled, SIP_SERVER mode, via server", disabledServer, VIA_SERVER, "sip:200@10.0.0.5", null, "100",
                        FORBIDDEN_DISABLED),
                new Row("disabled, garbage caller", disabledList, LAN, "<<<", null, "nobody", FORBIDDEN_DISABLED),
                new Row("list, listed caller via server", list, VIA_SERVER, "sip:200@10.0.0.5", null, "100",
                        allow("sip:200@10.0.0.5")),
                new Row("list, listed caller with display name and tag", list, VIA_SERVER,
                        "\"Guard\" <sip:200@10.0.0.5>;tag=abc", null, "100", allow("sip:200@10.0.0.5")),
                new Row("list, listed caller straight from the LAN: From can be forged", list, LAN,
                        "sip:200@10.0.0.5", null, "100", NOT_FROM_SERVER),
                new Row("list, INVITE for another user from the LAN: the same answer as for ours", list, LAN,
                        "sip:200@10.0.0.5", null, "999", NOT_FROM_SERVER),
                new Row("list, listed caller from the server address but another port", list, SERVER_OTHER_PORT,
                        "sip:200@10.0.0.5", null, "100", NOT_FROM_SERVER),
                new Row("list, listed caller from the server address and port", list, SERVER_ADDRESS,
                        "sip:200@10.0.0.5", null, "100", allow("sip:200@10.0.0.5")),
                new Row("list, listed caller through the proxy", list, PROXY_ADDRESS, "sip:200@10.0.0.5", null, "100",
                        allow("sip:200@10.0.0.5")),
                new Row("direct calls, listed caller straight from the LAN", direct, LAN, "sip:200@10.0.0.5", null,
                        "100", allow("sip:200@10.0.0.5")),
                new Row("direct calls, unknown caller from the LAN", direct, LAN, "sip:666@10.0.0.5", null, "100",
                        NOT_LISTED),
                new Row("direct calls, another user from the LAN is 403 too", direct, LAN, "sip:200@10.0.0.5", null,
                        "999", refuse(403, "not this device's extension")),
                new Row("direct calls, missing From from the LAN is 403 too", direct, LAN, null, null, "100",
                        refuse(403, "malformed caller URI")),
                new Row("direct calls, another user via the server is still 404", direct, VIA_SERVER,
                        "sip:200@10.0.0.5", null, "999", refuse(404, "not this device's extension")),
                new Row("direct calls never apply in SIP_SERVER mode", directServer, LAN, "sip:200@10.0.0.5", null,
                        "100", NOT_FROM_SERVER),
                new Row("disabled with direct calls, from the LAN", disabledDirect, LAN, "sip:200@10.0.0.5", null,
                        "100", FORBIDDEN_DISABLED),
                new Row("list, host case-insensitive, sips", list, VIA_SERVER, "sips:guard@example.com", null, "100",
                        allow("sips:guard@example.com")),
                new Row("list, user case-sensitive", list, VIA_SERVER, "sips:GUARD@example.com", null, "100", NOT_LISTED),
                new Row("list, explicit default port is not the listed URI", list, VIA_SERVER, "sip:200@10.0.0.5:5060",
                        null, "100", NOT_LISTED),
                new Row("list, sip is not sips", list, VIA_SERVER, "sip:guard@example.com", null, "100", NOT_LISTED),
                new Row("list, unknown caller", list, VIA_SERVER, "sip:666@10.0.0.5", null, "100", NOT_LISTED),
                new Row("list, P-Asserted-Identity from the server is the identity checked", list, VIA_SERVER,
                        "sip:anonymous@anonymous.invalid", "<sip:200@10.0.0.5>", "100", allow("sip:200@10.0.0.5")),
                new Row("direct calls, P-Asserted-Identity from the LAN is not trusted", direct, LAN,
                        "sip:666@10.0.0.5", "<sip:200@10.0.0.5>", "100", NOT_LISTED),
                new Row("list, malformed From matches no entry", list, VIA_SERVER, "sip:200@bad host", null, "100",
                        NOT_LISTED),
                new Row("list, tel: From matches no entry", list, VIA_SERVER, "tel:+431234", null, "100", NOT_LISTED),
                new Row("list, missing From", list, VIA_SERVER, null, null, "100", refuse(400, "malformed caller URI")),
                new Row("server mode, missing From", server, VIA_SERVER, " ", null, "100",
                        refuse(400, "malformed caller URI")),
                new Row("server mode, tel: From via the server is allowed and recorded as sent", server, VIA_SERVER,
                        " tel:+431234 ", null, "100", allow("tel:+431234")),
                new Row("list, INVITE for another user", list, VIA_SERVER, "sip:200@10.0.0.5", null, "999",
                        refuse(404, "not this device's extension")),
                new Row("list, INVITE for the auth user", list, VIA_SERVER, "sip:200@10.0.0.5", null, "door100",
                        allow("sip:200@10.0.0.5")),
                new Row("list, INVITE without user part", list, VIA_SERVER, "sip:200@10.0.0.5", null, null,
                        allow("sip:200@10.0.0.5")),
                new Row("server mode, any caller via the server connection", server, VIA_SERVER, "sip:666@10.0.0.5", null,
                        "100", allow("sip:666@10.0.0.5")),
                new Row("server mode, source is the server address and port", server, SERVER_ADDRESS, "sip:666@10.0.0.5",
                        null, "100", allow("sip:666@10.0.0.5")),
                new Row("server mode, source is the proxy", server, PROXY_ADDRESS, "sip:666@10.0.0.5", null, "100",
                        allow("sip:666@10.0.0.5")),
                new Row("server mode, server address but another port", server, SERVER_OTHER_PORT, "sip:200@10.0.0.5",
                        null, "100", NOT_FROM_SERVER),
                new Row("server mode, listed caller straight from the LAN", server, LAN, "sip:200@10.0.0.5", null, "100",
                        NOT_FROM_SERVER),
                new Row("v3.6.3 custom parameter selects server mode: LAN refused", legacyServer, LAN, "sip:200@10.0.0.5",
                        null, "100", NOT_FROM_SERVER),
                new Row("v3.6.3 custom parameter selects server mode: via server allowed", legacyServer, VIA_SERVER,
                        "sip:666@10.0.0.5", null, "100", allow("sip:666@10.0.0.5")),
                new Row("no mode and no parameter: extension list", legacyDefault, VIA_SERVER, "sip:666@10.0.0.5", null,
                        "100", NOT_LISTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        var invite = new CallInput.IncomingInvite("c", row.caller(), row.asserted(), row.source(), row.target());

        assertThat(IncomingCallPolicy.decide(row.settings(), invite)).isEqualTo(row.expected());
    }

    private static DeviceSettings settings(boolean allow, IncomingCallMode mode, Map<String, String> custom) {
        return TestDevices.incoming(new IncomingCalls(allow, mode, LIST), custom);
    }

    private static DeviceSettings directCalls(boolean allow, IncomingCallMode mode) {
        return TestDevices.incoming(new IncomingCalls(allow, mode, LIST, true), Map.of());
    }

    private static IncomingDecision allow(String caller) {
        return new IncomingDecision.Allow(caller);
    }

    private static IncomingDecision refuse(int status, String reason) {
        String phrase = switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> throw new IllegalArgumentException("no phrase for " + status);
        };
        return new IncomingDecision.Refuse(status, phrase, reason);
    }
}
