import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU one 20 ms wake costs a Java thread, as the door's RTP sender wakes: parkNanos to the
 * frame's due time, then (mode "send") one 172-byte datagram to a loopback socket that another
 * thread drains. CPU time from /proc/self/task/TID/schedstat (run time in ns), over 500 wakes after
 * 100 to warm up. Run by bench/wake-cost.sh beside the same loop in C (wake-cost.c).
 */
public final class WakeCost {
    public static void main(String[] args) throws Exception {
        boolean send = args.length > 0 && args[0].equals("send");
        DatagramSocket sink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket out = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), sink.getLocalPort());
        Thread drain = new Thread(() -> {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            try {
                while (true) {
                    sink.receive(p);
                }
            } catch (Exception e) {
                // closed at exit
            }
        }, "drain");
        drain.setDaemon(true);
        drain.start();
        long[] result = new long[1];
        Thread sender = new Thread(() -> {
            try {
                String tid = ownTaskId("sender");
                byte[] packet = new byte[172];
                long start = System.nanoTime();
                long before = 0;
                for (long n = 0; n < 600; n++) {
                    long wait;
                    while ((wait = start + n * 20_000_000L - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (n == 100) {
                        before = runNanos(tid);
                    }
                    if (send) {
                        out.send(new DatagramPacket(packet, packet.length, to));
                    }
                }
                result[0] = runNanos(tid) - before;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "sender");
        sender.start();
        sender.join();
        System.out.printf("java  %-5s %6.1f us CPU per 20 ms wake%n", send ? "send" : "idle", result[0] / 1000.0 / 500);
    }

    private static String ownTaskId(String name) throws Exception {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).trim().equals(name)) {
                    return task.getFileName().toString();
                }
            }
        }
        throw new IllegalStateException("no task named " + name);
    }

    private static long runNanos(String tid) throws Exception {
        return Long.parseLong(Files.readString(Path.of("/proc/self/task/" + tid + "/schedstat")).split(" ")[0]);
    }
}
