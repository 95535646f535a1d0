package rock.intercom.app.service;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * systemd's notify protocol (sd_notify(3)): one datagram per message to the AF_UNIX/SOCK_DGRAM
 * socket named by {@code NOTIFY_SOCKET}. Java 17's unix-domain channels are stream-only, so the
 * datagram goes out through libc's {@code sendto} via JNA (already on the device's class path for
 * jitsi-srtp). Not {@code systemd-notify}: on Debian 12 (systemd 252) it sends from its own,
 * short-lived PID, which {@code NotifyAccess=main} refuses and which systemd may fail to attribute
 * to the unit once it has exited; and the watchdog would fork every few seconds.
 * Thread-safe: each message uses its own socket.
 */
public final class SystemdNotify {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(sockaddr_un.sun_path) on Linux. */
    private static final int MAX_PATH = 108;

    /** The few libc calls needed; loaded only when a NOTIFY_SOCKET is set, so a plain run loads no native code. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength);

        int close(int fd);
    }

    private final String socket;
    private final byte[] address;
    private final LibC libc;

    private SystemdNotify(String socket, LibC libc) {
        this.socket = socket;
        this.address = sockaddrUn(socket);
        this.libc = libc;
    }

    /** Present when started by systemd with {@code Type=notify} (or anything else that set {@code NOTIFY_SOCKET}). */
    public static Optional<SystemdNotify> fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SystemdNotify(socket, Native.load("c", LibC.class)));
        } catch (UnsatisfiedLinkError | IllegalArgumentException e) {
            // Without notifications systemd times the start out and says why; the device itself still runs.
            org.slf4j.LoggerFactory.getLogger(SystemdNotify.class).error("cannot notify systemd on {}: {}", socket,
                    e.toString());
            return Optional.empty();
        }
    }

    /** Sends {@code state} (e.g. {@code READY=1}, {@code WATCHDOG=1}); false when the socket refused it. */
    public boolean send(String state) {
        byte[] message = state.getBytes(StandardCharsets.UTF_8);
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return false;
        }
        try {
            long sent = libc.sendto(fd, message, new NativeLong(message.length), MSG_NOSIGNAL, address, address.length)
                    .longValue();
            return sent == message.length;
        } finally {
            libc.close(fd);
        }
    }

    public String socket() {
        return socket;
    }

    /**
     * struct sockaddr_un: the family in native byte order, then the path; a leading {@code @}
     * names an abstract socket (a NUL byte, no terminator), as sd_notify(3) specifies.
     */
    static byte[] sockaddrUn(String socket) {
        boolean abstractName = socket.startsWith("@");
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path.length > MAX_PATH - (abstractName ? 0 : 1) || !(abstractName || socket.startsWith("/"))) {
            throw new IllegalArgumentException("NOTIFY_SOCKET must be an absolute path or @name of at most "
                    + (MAX_PATH - 1) + " bytes");
        }
        byte[] address = new byte[2 + path.length + (abstractName ? 0 : 1)];
        int family = AF_UNIX;
        boolean little = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        address[little ? 0 : 1] = (byte) family;
        System.arraycopy(path, 0, address, 2, path.length);
        if (abstractName) {
            address[2] = 0;
        }
        return address;
    }
}
