package rock.intercom.sip;

import java.net.InetAddress;
import rock.intercom.settings.Transport;

/**
 * Where requests leave the device for: the outbound proxy when one is enabled, else the server.
 *
 * @param name      the configured host name or address (checked against the TLS certificate)
 * @param address   the resolved address
 * @param port      the port to send to
 * @param transport the transport to use
 */
record NextHop(String name, InetAddress address, int port, Transport transport) {

    /** {@code host:port/transport} as JAIN-SIP's {@code javax.sip.OUTBOUND_PROXY} wants it. */
    String stackHop() {
        String host = address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return host + ":" + port + "/" + transport.name().toLowerCase(java.util.Locale.ROOT);
    }
}
