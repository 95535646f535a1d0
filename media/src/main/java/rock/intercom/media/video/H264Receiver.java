package rock.intercom.media.video;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.elements.AppSrc;

/**
 * The peer's video: RTP packets (already SRTP-unprotected and checked by the session) go into an
 * appsrc → {@code rtpjitterbuffer} (reorders; 100 ms) → {@code rtph264depay} → {@code avdec_h264}
 * → counted, and once a second as JPEG for snapshots. Decoded frames are counted; the
 * last picture's size is remembered. Corrupt H.264 makes the decoder skip, never the call fail.
 * Thread-safe: {@link #push} from the session's receive thread, the rest from anywhere.
 */
public final class H264Receiver extends VideoPipeline {

    /** The jitter buffer's depth: reorders a LAN's worth of jitter without a visible delay. */
    static final int JITTER_MS = 100;

    private final AppSrc source;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicReference<String> size = new AtomicReference<>("");
    private final AtomicReference<byte[]> lastJpeg = new AtomicReference<>();

    public H264Receiver(int payloadType) {
        super(description(payloadType), "decoder");
        source = (AppSrc) pipeline.getElementByName("in");
        AppSink frameSink = (AppSink) pipeline.getElementByName("frames");
        frameSink.connect((AppSink.NEW_SAMPLE) s -> {
            Sample sample = s.pullSample();
            try {
                frames.incrementAndGet();
                Caps caps = sample.getCaps();
                if (caps != null && caps.size() > 0) {
                    Structure st = caps.getStructure(0);
                    if (st.hasIntField("width") && st.hasIntField("height")) {
                        size.set(st.getInteger("width") + "x" + st.getInteger("height"));
                    }
                }
            } finally {
                sample.dispose();
            }
            return FlowReturn.OK;
        });
        AppSink snapshots = (AppSink) pipeline.getElementByName("snapshots");
        snapshots.connect(SampleBytes.to(lastJpeg::set));
    }

    private static String description(int payloadType) {
        // A bounded input: past 2 MB (seconds of video) the oldest packets are dropped, never memory grown.
        return "appsrc name=in is-live=true do-timestamp=true format=time max-bytes=2000000"
                + " leaky-type=downstream"
                + " caps=\"application/x-rtp,media=video,clock-rate=90000,encoding-name=H264,payload="
                + payloadType + "\""
                + " ! rtpjitterbuffer latency=" + JITTER_MS + " ! rtph264depay ! avdec_h264 ! tee name=t"
                + " t. ! queue max-size-buffers=2 leaky=downstream"
                + " ! appsink name=frames sync=false emit-signals=true max-buffers=1 drop=true"
                + JpegSnapshots.branch("snapshots");
    }

    /** One RTP packet of the H.264 stream, header included. */
    public void push(byte[] packet, int offset, int length) {
        Buffer buffer = new Buffer(length);
        java.nio.ByteBuffer target = buffer.map(true);
        try {
            target.put(packet, offset, length);
        } finally {
            buffer.unmap();
        }
        source.pushBuffer(buffer);
    }

    /** Pictures decoded so far. */
    public long framesDecoded() {
        return frames.get();
    }

    /** The last decoded picture's size, e.g. {@code 640x480}; empty before the first. */
    public String pictureSize() {
        return size.get();
    }

    /** The last decoded picture as JPEG, or {@code null} before the first. */
    public byte[] lastPicture() {
        return lastJpeg.get();
    }
}
