package rock.intercom.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stranger's TCP connections to a server under test, opened from another address of this host
 * (on Linux all of 127.0.0.0/8 is loopback, so 127.0.0.2 is "another host" to the server), and
 * what the server did with them. Closes them all on {@link #close}.
 */
public final class StrangerSockets implements AutoCloseable {
    private final List<Socket> opened = new ArrayList<>();

    /**
     * Opens {@code n} connections from {@code from} to 127.0.0.1:{@code port} and keeps them; one the
     * server resets before the connect returns is kept too, closed.
     */
    public List<Socket> connect(String from, int port, int n) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            opened.add(s);
            sockets.add(s);
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            } catch (SocketException e) {
                s.close(); // reset at once by the server
            }
        }
        return sockets;
    }

    /** Whether the server still holds {@code s} open: a read waits (200 ms) instead of ending or failing. */
    public static boolean keptOpen(Socket s) {
        try {
            s.setSoTimeout(200);
            return s.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false; // closed or reset
        }
    }

    /** How many of {@code sockets} the server still holds open. */
    public static long keptOpen(List<Socket> sockets) {
        return sockets.stream().filter(StrangerSockets::keptOpen).count();
    }

    /** This process's open file descriptors (the stranger's ends and the server's, when both run here). */
    public static long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    @Override
    public void close() throws IOException {
        for (Socket s : opened) {
            s.close();
        }
    }
}
