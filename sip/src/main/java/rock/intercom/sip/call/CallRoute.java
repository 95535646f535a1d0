package rock.intercom.sip.call;

import java.text.ParseException;
import java.util.Locale;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Identity;
import rock.intercom.settings.Proxy;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;

/**
 * Where an outgoing INVITE goes and who it is from, read from the settings in force when it is
 * sent (a settings change never touches a call already under way). The Request-URI is
 * {@code sip:<number>@<server>:<port>}, From is the device identity
 * {@code "Display" <sip:<extension>@<server>>}; with the proxy enabled the request carries a
 * loose Route to it (RFC 3261 §8.1.2, §16.12), so a live settings change needs no stack restart.
 */
record CallRoute(String serverHost, int serverPort, Transport transport, String displayName, String fromUser,
        String proxyHost, int proxyPort) {

    /** The route of the next call, or an explanation why the settings allow none. */
    static CallRoute from(DeviceSettings settings) throws UnusableSettings {
        SipSettings sip = settings == null ? null : settings.sip();
        if (sip == null || sip.server() == null || sip.server().address() == null || sip.server().address().isBlank()) {
            throw new UnusableSettings("no SIP server configured");
        }
        SipServer server = sip.server();
        Identity identity = sip.identity();
        String user = identity == null ? null : firstNonBlank(identity.extension(), identity.authUsername());
        if (user == null) {
            throw new UnusableSettings("no extension configured");
        }
        Proxy proxy = sip.proxy();
        boolean viaProxy = proxy != null && proxy.enabled() && proxy.address() != null && !proxy.address().isBlank();
        return new CallRoute(server.address(), server.effectivePort(),
                server.transport() == null ? Transport.UDP : server.transport(),
                identity.displayName() == null || identity.displayName().isBlank() ? null : identity.displayName(),
                user, viaProxy ? proxy.address() : null, viaProxy ? proxy.effectivePort() : -1);
    }

    /** {@code sip:<number>@<server>:<port>[;transport=tcp|tls]}. */
    SipURI requestUri(AddressFactory addresses, String number) throws ParseException {
        SipURI uri = addresses.createSipURI(number, serverHost);
        uri.setPort(serverPort);
        withTransport(uri);
        return uri;
    }

    /** The To address: the called number at the server, without port or parameters. */
    Address to(AddressFactory addresses, String number) throws ParseException {
        return addresses.createAddress(addresses.createSipURI(number, serverHost));
    }

    /** The From address: the device's display name and extension at the server. */
    Address from(AddressFactory addresses) throws ParseException {
        Address address = addresses.createAddress(addresses.createSipURI(fromUser, serverHost));
        if (displayName != null) {
            address.setDisplayName(displayName);
        }
        return address;
    }

    /** The loose Route to the proxy, or null when the call goes straight to the server. */
    Address proxyRoute(AddressFactory addresses) throws ParseException {
        if (proxyHost == null) {
            return null;
        }
        SipURI uri = addresses.createSipURI(null, proxyHost);
        uri.setPort(proxyPort);
        uri.setLrParam();
        withTransport(uri);
        return addresses.createAddress(uri);
    }

    /** The host and port the INVITE is sent to first: the proxy when enabled, else the server. */
    String nextHop() {
        return proxyHost != null ? proxyHost + ":" + proxyPort : serverHost + ":" + serverPort;
    }

    private void withTransport(SipURI uri) throws ParseException {
        if (transport != Transport.UDP) {
            uri.setTransportParam(transport.name().toLowerCase(Locale.ROOT));
        }
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.trim();
        }
        return second == null || second.isBlank() ? null : second.trim();
    }

    /** The settings name no server or no extension, so no INVITE can be built. */
    static final class UnusableSettings extends Exception {
        UnusableSettings(String message) {
            super(message);
        }
    }
}
