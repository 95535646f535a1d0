package rock.intercom.app.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One open way to the syslog receiver: a UDP socket (one message per datagram, RFC 5426) or a TCP
 * or TLS stream with octet-counting framing ({@code LEN SP MSG}, RFC 6587 §3.4.1 / RFC 5425 §4.3).
 * TLS checks the receiver's chain and host name. Not thread-safe: the forwarder's thread owns it.
 */
final class SyslogConnection implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** A receiver that stops reading blocks us at most this long per message, then we reconnect. */
    static final int WRITE_TIMEOUT_MS = 5_000;

    private final SyslogTarget target;
    private DatagramSocket udp;
    private Socket stream;
    private OutputStream out;

    SyslogConnection(SyslogTarget target) {
        this.target = target;
    }

    void send(byte[] message) throws IOException {
        if (target.transport() == SyslogTarget.Transport.UDP) {
            if (udp == null) {
                udp = new DatagramSocket();
            }
            udp.send(new DatagramPacket(message, message.length, new InetSocketAddress(target.host(), target.port())));
            return;
        }
        if (stream != null && peerClosed()) {
            reset();
        }
        if (stream == null) {
            open();
        }
        out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(message);
        out.flush();
    }

    /**
     * A receiver never sends, so end-of-stream means it closed. Checked before each write because
     * the first write after a close still "succeeds" into the kernel's buffer and would be lost.
     */
    private boolean peerClosed() {
        try {
            stream.setSoTimeout(1);
            return stream.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        } catch (IOException broken) {
            return true;
        } finally {
            try {
                stream.setSoTimeout(WRITE_TIMEOUT_MS);
            } catch (IOException ignored) {
                // The next write reports a broken socket.
            }
        }
    }

    private void open() throws IOException {
        Socket socket = target.transport() == SyslogTarget.Transport.TLS ? tlsSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(WRITE_TIMEOUT_MS);
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
            }
            stream = socket;
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket tlsSocket() throws IOException {
        try {
            SSLSocket socket = CaTrustedSockets.unconnected(target.caPem());
            SSLParameters parameters = socket.getSSLParameters();
            // RFC 5425 §5.2: the receiver's name is checked, as a browser checks a web server's.
            parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(target.host())));
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            socket.setSSLParameters(parameters);
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup: " + e.getMessage(), e);
        }
    }

    /** Drops a broken stream so that the next send reconnects. */
    void reset() {
        close();
    }

    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (IOException ignored) {
            // Closing a broken connection: nothing left to do.
        }
        stream = null;
        out = null;
        if (udp != null) {
            udp.close();
            udp = null;
        }
    }
}
