package rock.intercom.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP on the wire to and from one server port on loopback: tcpdump in text mode (kernel
 * timestamps, ns, wall clock), each UDP packet with its ports and payload, so a figure is "when
 * the packet was on the wire", the same way for the door and for baresip.
 */
final class SipWireTap implements AutoCloseable {

    /** One packet; its text grows while tcpdump prints its payload lines. */
    static final class Packet {
        final Instant at;
        final int from;
        final int to;
        private final StringBuilder text = new StringBuilder();

        Packet(Instant at, int from, int to) {
            this.at = at;
            this.from = from;
            this.to = to;
        }

        synchronized String text() {
            return text.toString();
        }

        synchronized void append(String line) {
            text.append(line).append('\n');
        }
    }

    private static final Pattern HEADER = Pattern.compile("^(\\d+)\\.(\\d{9}) IP [\\d.]+\\.(\\d+) > [\\d.]+\\.(\\d+): UDP");

    private final Process process;
    private final List<Packet> packets = new ArrayList<>();

    private SipWireTap(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "sip-wire-tap");
        reader.setDaemon(true);
        reader.start();
    }

    static SipWireTap on(int serverPort) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tcpdump", "-i", "lo", "-nn", "-l", "-tt", "--time-stamp-precision",
                "nano", "--immediate-mode", "-s", "0", "-A", "udp port " + serverPort)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        SipWireTap tap = new SipWireTap(process);
        Thread.sleep(1500); // tcpdump needs a moment before it sees packets
        if (!process.isAlive()) {
            throw new IOException("tcpdump did not start (root and apt-get install tcpdump are needed)");
        }
        return tap;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.ISO_8859_1))) {
            Packet current = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher header = HEADER.matcher(line);
                if (header.find()) {
                    current = new Packet(Instant.ofEpochSecond(Long.parseLong(header.group(1)),
                            Long.parseLong(header.group(2))), Integer.parseInt(header.group(3)),
                            Integer.parseInt(header.group(4)));
                    synchronized (packets) {
                        packets.add(current);
                    }
                } else if (current != null) {
                    current.append(line);
                }
            }
        } catch (IOException ended) {
            // tcpdump stopped
        }
    }

    /** The first packet at or after {@code after} that matches, waiting up to {@code wait}. */
    Optional<Packet> first(Instant after, Predicate<Packet> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            List<Packet> copy;
            synchronized (packets) {
                copy = List.copyOf(packets);
            }
            for (Packet p : copy) {
                if (!p.at.isBefore(after) && match.test(p)) {
                    return Optional.of(p);
                }
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** The registrar's 200 OK to a REGISTER from {@code port}. */
    static Predicate<Packet> registeredAt(int port) {
        return p -> p.to == port && p.text().contains("SIP/2.0 200") && p.text().matches("(?s).*CSeq: *\\d+ REGISTER.*");
    }

    /** An INVITE leaving {@code port}. */
    static Predicate<Packet> inviteFrom(int port) {
        return p -> p.from == port && p.text().contains("INVITE sip:");
    }

    /** A 200 OK to an INVITE arriving at {@code port}: the call is up. */
    static Predicate<Packet> answeredAt(int port) {
        return p -> p.to == port && p.text().contains("SIP/2.0 200") && p.text().matches("(?s).*CSeq: *\\d+ INVITE.*");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
