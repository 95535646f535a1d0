package rock.intercom.app.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import rock.intercom.settings.Transport;

/**
 * The self-test's look at the SIP server from the device: an OPTIONS out-of-dialog round trip
 * (RFC 3261 §11) on a fresh socket of the configured transport, and for TLS a fresh handshake that
 * checks the chain against the configured CA (or the system store) and the host name, as the
 * registration's does. Any response counts as a round trip (a 401/407 is a live server too).
 * Blocking; runs on the caller's thread.
 */
final class ServerProbe {

    /** What one probe found. */
    record Result(boolean answered, int status, Duration roundTrip, String detail) {
    }

    /** How long a server may take to answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(4);
    /** The most of a response read (a status line and headers). */
    static final int MAX_RESPONSE = 8192;
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerProbe() {
    }

    /** The TLS handshake alone: the peer certificate's subject and expiry, or why it was refused. */
    static Result tls(String host, int port, String caPem) {
        try (SSLSocket socket = tlsSocket(host, caPem)) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.startHandshake();
            X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return new Result(true, 0, Duration.ZERO, "chain and host name verified: " + peer.getSubjectX500Principal()
                    + ", valid until " + peer.getNotAfter().toInstant() + ", " + socket.getSession().getProtocol());
        } catch (IOException | GeneralSecurityException e) {
            return new Result(false, 0, Duration.ZERO, "TLS refused: " + reason(e));
        }
    }

    /** One OPTIONS to {@code host:port} over {@code transport}. */
    static Result options(Transport transport, String host, int port, String caPem, String user) {
        String callId = "self-test-" + HexFormat.of().formatHex(RANDOM.generateSeed(8));
        try {
            if (transport == Transport.UDP) {
                return overUdp(host, port, callId, user);
            }
            try (Socket socket = transport == Transport.TLS ? tlsSocket(host, caPem) : new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                byte[] request = request(transport, host, port, socket.getLocalAddress().getHostAddress(),
                        socket.getLocalPort(), callId, user);
                long start = System.nanoTime();
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                return answer(readHead(socket.getInputStream()), callId, System.nanoTime() - start);
            }
        } catch (SocketTimeoutException e) {
            return new Result(false, 0, null, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException | GeneralSecurityException e) {
            return new Result(false, 0, null, "cannot reach the server: " + reason(e));
        }
    }

    private static Result overUdp(String host, int port, String callId, String user) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(host, port));
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] request = request(Transport.UDP, host, port, socket.getLocalAddress().getHostAddress(),
                    socket.getLocalPort(), callId, user);
            long start = System.nanoTime();
            socket.send(new DatagramPacket(request, request.length));
            long deadline = start + TIMEOUT.toNanos();
            byte[] buffer = new byte[MAX_RESPONSE];
            while (System.nanoTime() < deadline) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (text.contains(callId)) { // a stray datagram is not the answer
                    return answer(text, callId, System.nanoTime() - start);
                }
            }
            throw new SocketTimeoutException();
        }
    }

    private static Result answer(String head, String callId, long nanos) {
        Matcher status = STATUS.matcher(head);
        if (!status.find() || !head.contains(callId)) {
            return new Result(false, 0, null, "the server answered something that is not a SIP response to it");
        }
        int code = Integer.parseInt(status.group(1));
        String line = head.lines().findFirst().orElse("").strip();
        return new Result(true, code, Duration.ofNanos(nanos), line.length() > 80 ? line.substring(0, 80) : line);
    }

    private static byte[] request(Transport transport, String host, int port, String localIp, int localPort,
            String callId, String user) {
        String target = host.contains(":") ? "[" + host + "]" : host;
        String local = localIp.contains(":") ? "[" + localIp + "]" : localIp;
        String text = "OPTIONS sip:" + target + ":" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport.name() + " " + local + ":" + localPort + ";branch=z9hG4bK-"
                + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + target + ">;tag=" + callId.substring(10) + "\r\n"
                + "To: <sip:" + target + ":" + port + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: Rock Intercom self-test\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads up to the blank line that ends the headers, at most {@link #MAX_RESPONSE} bytes. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (head.length() < MAX_RESPONSE && (c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static SSLSocket tlsSocket(String host, String caPem) throws IOException, GeneralSecurityException {
        SSLSocket socket = CaTrustedSockets.unconnected(caPem == null || caPem.isBlank() ? null : caPem);
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(host)));
            socket.setSSLParameters(parameters);
        }
        return socket;
    }

    /** The innermost cause's message: "PKIX path building failed", "No subject alternative names matching…". */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 160 ? message.substring(0, 160) : message;
    }
}
