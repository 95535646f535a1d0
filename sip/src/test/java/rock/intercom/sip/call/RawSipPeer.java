package rock.intercom.sip.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A bare UDP socket on 127.0.0.1 that sends hand-made SIP bytes (torture messages, junk) to the
 * door and reads what comes back: the only peer that can send what no SIP stack would.
 */
final class RawSipPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress door;

    RawSipPeer(int doorPort) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.door = new InetSocketAddress(InetAddress.getLoopbackAddress(), doorPort);
    }

    /** {@code 127.0.0.1:port} of this socket, for the Via of what it sends. */
    String sentBy() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void send(byte[] packet) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, door));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The responses carrying {@code callId} that arrive within {@code wait}, stopping at the first
     * final one; other packets (retransmissions for earlier messages) are skipped.
     */
    List<String> responses(String callId, Duration wait) {
        List<String> found = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[65536];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return found;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return found;
                }
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (text.startsWith("SIP/2.0 ") && text.contains(callId)) {
                    found.add(text);
                    if (status(text) >= 200) {
                        return found;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an OPTIONS to the door and returns its final status, or 0 when none came within {@code wait}. */
    int options(Duration wait) {
        String callId = "probe-" + UUID.randomUUID();
        send("OPTIONS sip:door@" + door.getHostString() + ":" + door.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + sentBy() + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:door@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        List<String> answers = responses(callId, wait);
        return answers.isEmpty() ? 0 : status(answers.get(answers.size() - 1));
    }

    static int status(String response) {
        String[] parts = response.split(" ", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The value of header {@code name} in {@code response}, or null. */
    static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(
                    name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
