import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Package time only (train-cds.sh runs it as a source file; it is not shipped): the registrar of
 * the class-data sharing training run. A REGISTER without credentials gets a digest challenge (401),
 * one with credentials a 200 OK, so the classes of the exchange every real server makes a door go
 * through before REGISTERED (parsing responses, answering the challenge) are in the archive instead
 * of being loaded from the jars at every start. Anything else is ignored.
 * Usage: java TrainingRegistrar.java PORT_FILE (writes the UDP port it listens on, on 127.0.0.1).
 */
public final class TrainingRegistrar {

    public static void main(String[] args) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Files.writeString(Path.of(args[0]), Integer.toString(socket.getLocalPort()));
            byte[] buffer = new byte[65535];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (request.startsWith("REGISTER ")) {
                    byte[] response = answer(request).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                }
            }
        }
    }

    private static String answer(String request) {
        String[] lines = request.split("\r\n\r\n", 2)[0].split("\r\n");
        boolean credentials = false;
        StringBuilder headers = new StringBuilder();
        for (String line : lines) {
            String name = line.split(":", 2)[0].trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq", "contact", "m" -> headers.append(line).append("\r\n");
                case "to", "t" -> headers.append(line).append(line.contains("tag=") ? "" : ";tag=training").append("\r\n");
                case "authorization" -> credentials = true;
                default -> { }
            }
        }
        return credentials
                ? "SIP/2.0 200 OK\r\n" + headers + "Expires: 3600\r\nContent-Length: 0\r\n\r\n"
                : "SIP/2.0 401 Unauthorized\r\n" + headers
                        + "WWW-Authenticate: Digest realm=\"training\", nonce=\"b1a5c0de\", algorithm=MD5, qop=\"auth\"\r\n"
                        + "Content-Length: 0\r\n\r\n";
    }
}
