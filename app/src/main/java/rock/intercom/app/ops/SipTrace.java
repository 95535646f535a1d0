package rock.intercom.app.ops;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import rock.intercom.sip.trace.CapturedMessage;

/**
 * The last minutes of the device's SIP messages, both directions, masked as they arrive (the
 * buffer never holds a secret), bounded by age and by total bytes; each message is cut at
 * {@link #MAX_MESSAGE_BYTES}, and no one far end (host) holds more than a quarter of the bytes, so
 * a stranger's flood keeps only its own latest messages instead of pushing every call out of the
 * trace. Exported as a pcap file. Thread-safe: the stack's threads add, Jetty's threads export.
 */
public final class SipTrace implements Consumer<CapturedMessage> {

    /** Defaults: 15 minutes, 4 MiB — a few hundred calls' signalling on a quiet door. */
    public static final Duration DEFAULT_KEEP = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
    /** A larger message (a hostile peer's) keeps its first 16 KiB. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    /** One far end may fill at most this share (1/n) of the byte budget. */
    static final int PEER_SHARE = 4;

    /** One message as kept: UTF-8 bytes, masked and cut. */
    public record Entry(Instant time, boolean sent, String source, String destination, byte[] message) {
    }

    /** An entry in arrival order; emptied when its far end's share let it go before its turn. */
    private static final class Kept {
        private Entry entry;
        private final String peer;

        Kept(Entry entry, String peer) {
            this.entry = entry;
            this.peer = peer;
        }
    }

    /** One far end's entries, oldest first, and their bytes. */
    private static final class Peer {
        private final ArrayDeque<Kept> kept = new ArrayDeque<>();
        private long bytes;
    }

    private final Duration keep;
    private final long maxBytes;
    private final Clock clock;
    private final Supplier<List<String>> secrets;
    private final ArrayDeque<Kept> inOrder = new ArrayDeque<>();
    private final Map<String, Peer> peers = new HashMap<>();
    private long bytes;
    private int emptied;

    public SipTrace(Duration keep, long maxBytes, Clock clock, Supplier<List<String>> secrets) {
        this.keep = keep;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.secrets = secrets;
    }

    @Override
    public void accept(CapturedMessage message) {
        byte[] text = SipTraceMask.mask(message.text(), secrets.get()).getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_MESSAGE_BYTES) {
            text = java.util.Arrays.copyOf(text, MAX_MESSAGE_BYTES);
        }
        Entry entry = new Entry(clock.instant(), message.sent(), message.source(), message.destination(), text);
        Kept kept = new Kept(entry, host(message.sent() ? message.destination() : message.source()));
        synchronized (inOrder) {
            Peer peer = peers.computeIfAbsent(kept.peer, host -> new Peer());
            inOrder.addLast(kept);
            peer.kept.addLast(kept);
            peer.bytes += text.length;
            bytes += text.length;
            while (peer.bytes > maxBytes / PEER_SHARE && peer.kept.size() > 1) {
                forget(peer.kept.peekFirst());
                emptied++;
            }
            evict();
        }
    }

    /** The messages still kept, oldest first. */
    public List<Entry> entries() {
        synchronized (inOrder) {
            evict();
            return inOrder.stream().map(kept -> kept.entry).filter(java.util.Objects::nonNull).toList();
        }
    }

    /** The kept messages as a pcap file (see {@link PcapFile}). */
    public byte[] pcap() {
        return PcapFile.of(entries());
    }

    private void evict() {
        Instant oldest = clock.instant().minus(keep);
        while (!inOrder.isEmpty()) {
            Kept first = inOrder.peekFirst();
            if (first.entry == null) {
                inOrder.removeFirst();
                emptied--;
            } else if (bytes > maxBytes || first.entry.time().isBefore(oldest)) {
                inOrder.removeFirst();
                forget(first);
            } else {
                break;
            }
        }
        // Entries a flooding peer gave up wait in arrival order for their turn: past half the queue, sweep them.
        if (emptied > 64 && emptied > inOrder.size() / 2) {
            inOrder.removeIf(kept -> kept.entry == null);
            emptied = 0;
        }
    }

    /** Lets go of a peer's oldest entry (the one given). */
    private void forget(Kept oldest) {
        Peer peer = peers.get(oldest.peer);
        peer.kept.removeFirst();
        int length = oldest.entry.message().length;
        peer.bytes -= length;
        bytes -= length;
        oldest.entry = null;
        if (peer.kept.isEmpty()) {
            peers.remove(oldest.peer);
        }
    }

    /** The host of a {@code host:port} or {@code [v6]:port}: one far end whatever ports it uses. */
    static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        boolean bracketed = hostPort.startsWith("[");
        if (colon <= 0 || (bracketed ? hostPort.charAt(colon - 1) != ']' : hostPort.indexOf(':') != colon)) {
            return hostPort;
        }
        return hostPort.substring(0, colon);
    }
}
