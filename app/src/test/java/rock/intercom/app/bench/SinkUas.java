package rock.intercom.app.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The just-enough SIP user agent server that baresip calls in the benchmark (RFC 3261 over UDP on
 * 127.0.0.1): each new INVITE gets 200 OK with an SDP answer pointing at the next sink port
 * (PCMU, and an SDES key when the offer carries {@code a=crypto}, RFC 4568); ACK is absorbed, BYE
 * gets 200 OK. A retransmitted INVITE gets the same answer again. It is a load generator's peer,
 * not a SIP stack: no transactions, no timers, no authentication.
 */
final class SinkUas implements AutoCloseable {
    private static final Pattern CRYPTO = Pattern.compile("a=crypto:(\\d+) (AES_CM_128_HMAC_SHA1_(?:80|32))");

    private final DatagramSocket socket;
    private final List<Integer> sinkPorts;
    private final Map<String, Integer> portOfCall = new HashMap<>();
    private final Thread thread;
    private volatile int answered;

    SinkUas(List<Integer> sinkPorts) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setSoTimeout(200);
        this.sinkPorts = List.copyOf(sinkPorts);
        this.thread = new Thread(this::serve, "sink-uas");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** INVITEs answered with 200 OK so far (one per call). */
    int answered() {
        return answered;
    }

    private void serve() {
        byte[] buffer = new byte[8192];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                String response = respond(request);
                if (response != null) {
                    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
                }
            } catch (SocketTimeoutException e) {
                // poll the closed flag
            } catch (IOException e) {
                return;
            }
        }
    }

    private String respond(String request) {
        String method = request.substring(0, Math.max(0, request.indexOf(' ')));
        String callId = header(request, "Call-ID");
        if ("INVITE".equals(method)) {
            Integer port = portOfCall.get(callId);
            if (port == null) {
                if (portOfCall.size() == sinkPorts.size()) {
                    return reply(request, "486 Busy Here", null);
                }
                port = sinkPorts.get(portOfCall.size());
                portOfCall.put(callId, port);
                answered = portOfCall.size();
            }
            return reply(request, "200 OK", answer(request, port));
        }
        if ("BYE".equals(method) || "CANCEL".equals(method) || "OPTIONS".equals(method)) {
            return reply(request, "200 OK", null);
        }
        return null; // ACK, or a response to something we never send
    }

    /** RFC 3264 answer: PCMU at the sink; the offered crypto tag with a fresh key if SRTP is offered. */
    private static String answer(String offer, int port) {
        Matcher crypto = CRYPTO.matcher(offer);
        String profile = offer.contains("RTP/SAVP") ? "RTP/SAVP" : "RTP/AVP";
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\no=bench 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n")
                .append("m=audio ").append(port).append(' ').append(profile).append(" 0\r\n")
                .append("a=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n");
        if (crypto.find()) {
            byte[] keyAndSalt = new byte[30];
            ThreadLocalRandom.current().nextBytes(keyAndSalt);
            sdp.append("a=crypto:").append(crypto.group(1)).append(' ').append(crypto.group(2))
                    .append(" inline:").append(Base64.getEncoder().encodeToString(keyAndSalt)).append("\r\n");
        }
        return sdp.toString();
    }

    private String reply(String request, String status, String sdp) {
        StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : headerLines(request)) {
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim();
            if (name.equalsIgnoreCase("Via") || name.equalsIgnoreCase("v") || name.equalsIgnoreCase("From")
                    || name.equalsIgnoreCase("f") || name.equalsIgnoreCase("Call-ID") || name.equalsIgnoreCase("i")
                    || name.equalsIgnoreCase("CSeq")) {
                out.append(line).append("\r\n");
            } else if (name.equalsIgnoreCase("To") || name.equalsIgnoreCase("t")) {
                out.append(line).append(line.contains(";tag=") ? "" : ";tag=bench").append("\r\n");
            }
        }
        out.append("Contact: <sip:bench@127.0.0.1:").append(port()).append(">\r\n");
        if (sdp != null) {
            out.append("Content-Type: application/sdp\r\n");
        }
        byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        out.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        if (sdp != null) {
            out.append(sdp);
        }
        return out.toString();
    }

    private static List<String> headerLines(String message) {
        int end = message.indexOf("\r\n\r\n");
        String head = end < 0 ? message : message.substring(0, end);
        String[] lines = head.split("\r\n");
        List<String> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            out.add(lines[i]);
        }
        return out;
    }

    private static String header(String message, String name) {
        for (String line : headerLines(message)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    @Override
    public void close() {
        socket.close();
    }
}
