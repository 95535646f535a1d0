package rock.intercom.app.ops;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import rock.intercom.sip.trace.CapturedMessage;

/**
 * The last minutes of the device's SIP messages, both directions, masked as they arrive (the
 * buffer never holds a secret), bounded by age and by total bytes; each message is cut at
 * {@link #MAX_MESSAGE_BYTES}. Exported as a pcap file. Thread-safe: the stack's threads add,
 * Jetty's threads export.
 */
public final class SipTrace implements Consumer<CapturedMessage> {

    /** Defaults: 15 minutes, 4 MiB — a few hundred calls' signalling on a quiet door. */
    public static final Duration DEFAULT_KEEP = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
    /** A larger message (a hostile peer's) keeps its first 16 KiB. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;

    /** One message as kept: UTF-8 bytes, masked and cut. */
    public record Entry(Instant time, boolean sent, String source, String destination, byte[] message) {
    }

    private final Duration keep;
    private final long maxBytes;
    private final Clock clock;
    private final Supplier<List<String>> secrets;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;

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
        synchronized (entries) {
            entries.addLast(entry);
            bytes += text.length;
            evict();
        }
    }

    /** The messages still kept, oldest first. */
    public List<Entry> entries() {
        synchronized (entries) {
            evict();
            return List.copyOf(entries);
        }
    }

    /** The kept messages as a pcap file (see {@link PcapFile}). */
    public byte[] pcap() {
        return PcapFile.of(entries());
    }

    private void evict() {
        Instant oldest = clock.instant().minus(keep);
        while (!entries.isEmpty() && (bytes > maxBytes || entries.peekFirst().time().isBefore(oldest))) {
            bytes -= entries.removeFirst().message().length;
        }
    }
}
