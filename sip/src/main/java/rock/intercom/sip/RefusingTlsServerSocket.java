package rock.intercom.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLServerSocket;

/**
 * JAIN-SIP's TLS listening socket, which takes no connection at all: the door holds no certificate
 * of its own, so no TLS handshake to it could ever complete, and its requests come over the
 * verified connection it opened itself. {@link #accept} closes every connection as it arrives and
 * never returns one, so a stranger's connection costs no thread nor handshake. The TLS settings the
 * stack makes on it are kept only to be read back.
 */
final class RefusingTlsServerSocket extends SSLServerSocket {
    private String[] cipherSuites = new String[0];
    private String[] protocols = new String[0];
    private boolean needClientAuth;
    private boolean wantClientAuth;
    private boolean sessionCreation = true;

    RefusingTlsServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        super(port, backlog, bindAddress);
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            Socket socket = new Socket();
            implAccept(socket);
            String source = socket.getInetAddress().getHostAddress();
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // already gone
            }
            BadPacketLog.refusals().report(source, "TLS connection refused: the door takes requests only over the"
                    + " connection it opened to its server");
        }
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return cipherSuites.clone();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        cipherSuites = suites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return cipherSuites.clone();
    }

    @Override
    public String[] getSupportedProtocols() {
        return protocols.clone();
    }

    @Override
    public String[] getEnabledProtocols() {
        return protocols.clone();
    }

    @Override
    public void setEnabledProtocols(String[] enabled) {
        protocols = enabled.clone();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        needClientAuth = need;
    }

    @Override
    public boolean getNeedClientAuth() {
        return needClientAuth;
    }

    @Override
    public void setWantClientAuth(boolean want) {
        wantClientAuth = want;
    }

    @Override
    public boolean getWantClientAuth() {
        return wantClientAuth;
    }

    @Override
    public void setUseClientMode(boolean clientMode) {
        // a listening socket that never hands a connection on has no mode to use
    }

    @Override
    public boolean getUseClientMode() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean enabled) {
        sessionCreation = enabled;
    }

    @Override
    public boolean getEnableSessionCreation() {
        return sessionCreation;
    }
}
