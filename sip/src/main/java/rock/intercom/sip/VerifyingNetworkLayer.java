package rock.intercom.sip;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's sockets, with TLS that verifies the server (DEPENDENCIES.md pitfall 5): the client
 * context trusts only the uploaded CA (or the system store), and every TLS socket is layered over
 * a plain connection with the configured server name as peer host, so SNI is sent and the JDK's
 * endpoint identification checks the certificate's names (RFC 5922 §7.2; RFC 6125).
 * Named by {@code gov.nist.javax.sip.NETWORK_LAYER}; the stack creates it, hence public.
 */
public final class VerifyingNetworkLayer implements NetworkLayer {

    private static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private volatile StackContext context;

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        context = StackContext.of(sipStack.getStackName());
    }

    /** The TCP listener, handing the stack only connections {@link InboundConnections} admits. */
    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new GuardedServerSocket(port, backlog, bindAddress, context.inbound());
    }

    /** The TLS listener: the door has no certificate, so it takes no connection ({@link RefusingTlsServerSocket}). */
    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new RefusingTlsServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return connect(address, port, null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return connect(address, port, localAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connect(address, port, localAddress, localPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        Socket plain = connect(address, port, localAddress, 0);
        String peerName = context.tlsPeerName();
        SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket(plain, peerName, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (peerName.contains(".") && !isAddressLiteral(peerName)) {
            parameters.setServerNames(List.of(new SNIHostName(peerName)));
        }
        socket.setSSLParameters(parameters);
        return socket;
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress localAddress) throws SocketException {
        return new DatagramSocket(port, localAddress);
    }

    private static Socket connect(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, localPort));
            }
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private SSLContext tls() throws IOException {
        SSLContext ssl = context.sslContext();
        if (ssl == null) {
            throw new IOException("TLS is not configured for this SIP stack");
        }
        return ssl;
    }

    static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
