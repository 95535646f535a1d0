package rock.intercom.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLServerSocket;

/**
 * JAIN-SIP's TLS listening socket, which takes no connection at all: the door holds no certificate
 * of its own, so no TLS handshake to it could ever complete, and its requests come over the
 * verified connection it opened itself. {@link #accept} resets every connection as it arrives and
 * never returns one, so a stranger's connection costs no thread nor handshake. With nothing ever
 * handed on, the TLS settings the stack makes on it apply to nothing: they are not kept.
 */
final class RefusingTlsServerSocket extends SSLServerSocket {
    private static final String[] NONE = new String[0];

    RefusingTlsServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        super(port, backlog, bindAddress);
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            Socket socket = new Socket();
            implAccept(socket);
            GuardedServerSocket.refuse(socket, "TLS connection refused: the door takes requests only over the"
                    + " connection it opened to its server");
        }
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return NONE;
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return NONE;
    }

    @Override
    public String[] getSupportedProtocols() {
        return NONE;
    }

    @Override
    public String[] getEnabledProtocols() {
        return NONE;
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
    }

    @Override
    public void setNeedClientAuth(boolean need) {
    }

    @Override
    public boolean getNeedClientAuth() {
        return false;
    }

    @Override
    public void setWantClientAuth(boolean want) {
    }

    @Override
    public boolean getWantClientAuth() {
        return false;
    }

    @Override
    public void setUseClientMode(boolean clientMode) {
    }

    @Override
    public boolean getUseClientMode() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean enabled) {
    }

    @Override
    public boolean getEnableSessionCreation() {
        return false;
    }
}
