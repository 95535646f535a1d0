package rock.intercom.call;

/**
 * Where an incoming INVITE came from. {@code viaServerConnection} is set by the SIP adapter when
 * the request arrived on the TCP/TLS connection the device itself opened to the SIP server or
 * proxy, or when its UDP source matches the server's resolved address and port; the policy also
 * compares {@code address:port} with the configured server and proxy literally.
 */
public record InviteSource(String address, int port, boolean viaServerConnection) {

    /** A request that arrived over the device's own connection to the server. */
    public static InviteSource viaServer(String address, int port) {
        return new InviteSource(address, port, true);
    }

    /** A request whose source is only known by address and port. */
    public static InviteSource from(String address, int port) {
        return new InviteSource(address, port, false);
    }
}
