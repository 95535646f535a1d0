package rock.intercom.app.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The just-enough SIP server of the API press benchmark (RFC 3261 over UDP on 127.0.0.1):
 * REGISTER and OPTIONS get 200 OK; each INVITE is timestamped the moment its datagram is read
 * ({@link System#nanoTime}, the bench's own clock) and gets 486 Busy Here, so the door's call ends
 * at once; ACK is absorbed. Not a SIP stack: no transactions, no authentication.
 */
final class BusyRegistrar implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    private final BlockingQueue<Long> invites = new LinkedBlockingQueue<>();
    /** The Call-IDs of the INVITEs timed so far; only the serving thread touches it. */
    private final java.util.Set<String> calls = new java.util.HashSet<>();

    BusyRegistrar() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(200);
        thread = new Thread(this::serve, "busy-registrar");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** When the INVITEs arrived (nanoTime), in order. */
    BlockingQueue<Long> invites() {
        return invites;
    }

    private void serve() {
        byte[] buffer = new byte[16384];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                long at = System.nanoTime();
                String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                String method = request.substring(0, Math.max(0, request.indexOf(' ')));
                String response = switch (method) {
                    case "REGISTER" -> response(request, "200 OK", true);
                    case "OPTIONS" -> response(request, "200 OK", false);
                    case "INVITE" -> {
                        // A retransmission (the 486 came late under load) keeps its Call-ID: timed once.
                        if (calls.add(callId(request))) {
                            invites.add(at);
                        }
                        yield response(request, "486 Busy Here", false);
                    }
                    default -> null; // ACK, and anything else: absorbed
                };
                if (response != null) {
                    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
                }
            } catch (RuntimeException e) {
                System.err.println("bench registrar: packet not understood: " + e); // and serve on
            } catch (SocketTimeoutException e) {
                // poll the closed flag
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String callId(String request) {
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("call-id:") || lower.startsWith("i:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "";
    }

    /** A response echoing the request's Via, From, To (with a tag), Call-ID and CSeq (RFC 3261 §8.2.6.2). */
    private static String response(String request, String status, boolean withContact) {
        StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase();
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> out.append(line).append("\r\n");
                case "to", "t" -> out.append(line).append(line.contains(";tag=") ? "" : ";tag=bench").append("\r\n");
                case "contact", "m" -> {
                    if (withContact) {
                        out.append(line).append(line.contains("expires=") ? "" : ";expires=3600").append("\r\n");
                    }
                }
                default -> {
                }
            }
        }
        return out.append("Content-Length: 0\r\n\r\n").toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
