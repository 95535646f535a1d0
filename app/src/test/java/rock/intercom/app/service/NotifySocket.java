package rock.intercom.app.service;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The receiving end of sd_notify, as systemd holds it: a bound AF_UNIX/SOCK_DGRAM socket. The
 * tests read the device's datagrams from it, so they check the same bytes systemd would get.
 */
public final class NotifySocket implements AutoCloseable {

    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] address, int length);

        int setsockopt(int fd, int level, int option, byte[] value, int length);

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

        int close(int fd);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;

    private final int fd;
    private final String name;

    /** Binds {@code name}: a path, or {@code @name} for the abstract namespace. */
    public NotifySocket(String name) {
        this.name = name;
        this.fd = LIBC.socket(1, 2, 0);
        byte[] address = SystemdNotify.sockaddrUn(name);
        if (fd < 0 || LIBC.bind(fd, address, address.length) != 0) {
            throw new IllegalStateException("cannot bind " + name + ": errno " + Native.getLastError());
        }
    }

    public String name() {
        return name;
    }

    /** The next datagram, or empty when none came within {@code wait}. */
    public Optional<String> receive(Duration wait) {
        ByteBuffer timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        timeval.putLong(wait.toSeconds()).putLong(wait.toMillisPart() * 1000L + 1);
        byte[] value = timeval.array();
        LIBC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, value, value.length);
        byte[] buffer = new byte[4096];
        long length = LIBC.recv(fd, buffer, new NativeLong(buffer.length), 0).longValue();
        return length < 0 ? Optional.empty() : Optional.of(new String(buffer, 0, (int) length, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        LIBC.close(fd);
    }
}
