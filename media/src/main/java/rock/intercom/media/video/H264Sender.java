package rock.intercom.media.video;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.event.Event;
import org.freedesktop.gstreamer.glib.Natives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.settings.VideoOptions;

/**
 * The door's outgoing video: camera → scale/rate → x264 (constrained baseline, zero latency) →
 * {@code rtph264pay} (RFC 6184 packetization-mode 1: single NAL, STAP-A, FU-A) → an appsink that
 * hands each RTP packet to {@code packets}, which protects and sends it on the call's own socket.
 * GStreamer stops at the RTP boundary so audio and video share one transport (ports, SRTP, RTCP).
 * A key frame (with SPS/PPS, {@code config-interval=-1}) starts the stream and answers every
 * {@link #requestKeyFrame()}; otherwise one comes every {@link #KEY_FRAME_SECONDS} s. Packets are
 * delivered on a GStreamer streaming thread; the other methods are thread-safe.
 */
public final class H264Sender extends VideoPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(H264Sender.class);

    /** Periodic key frames: a peer that lost one and cannot send PLI still recovers within this. */
    static final int KEY_FRAME_SECONDS = 10;
    /** Payloads stay well under a 1500-byte Ethernet MTU with IP/UDP, RTP and an SRTP tag. */
    static final int RTP_MTU = 1200;

    private final AppSink sink;
    private final Element encoder;
    private final AtomicReference<byte[]> cameraPicture = new AtomicReference<>();

    /**
     * Builds the pipeline (not yet playing).
     *
     * @param ssrc        the video stream's SSRC, chosen by the session
     * @param payloadType the negotiated H.264 payload type
     * @param bitrateKbps target bit rate (the b=AS the peer accepts)
     */
    public H264Sender(Camera camera, VideoOptions format, int ssrc, int payloadType, int bitrateKbps,
            Consumer<byte[]> packets) {
        super(description(camera, format, ssrc, payloadType, bitrateKbps, packets), "camera/encoder");
        sink = (AppSink) pipeline.getElementByName("out");
        encoder = pipeline.getElementByName("enc");
        sink.connect(SampleBytes.to(packets));
        ((AppSink) pipeline.getElementByName("camera")).connect(SampleBytes.to(cameraPicture::set));
    }

    private static String description(Camera camera, VideoOptions format, int ssrc, int payloadType,
            int bitrateKbps, Consumer<byte[]> packets) {
        Objects.requireNonNull(packets, "packets");
        return camera.pipelineSource()
                + " ! videoconvert ! videoscale" + (camera.needsRateConversion() ? " ! videorate" : "")
                + " ! video/x-raw,format=I420,width=" + format.width()
                + ",height=" + format.height() + ",framerate=" + format.frameRate() + "/1"
                + " ! tee name=t t. ! queue max-size-buffers=2"
                + " ! x264enc name=enc tune=zerolatency speed-preset=ultrafast bitrate=" + bitrateKbps
                + " key-int-max=" + KEY_FRAME_SECONDS * format.frameRate() + " threads=1 sliced-threads=false"
                + " ! video/x-h264,profile=constrained-baseline,stream-format=byte-stream"
                + " ! rtph264pay pt=" + payloadType + " ssrc=" + Integer.toUnsignedString(ssrc)
                + " mtu=" + RTP_MTU + " config-interval=-1 aggregate-mode=zero-latency"
                + " ! appsink name=out sync=false emit-signals=true max-buffers=64 drop=true"
                // What the camera sends, for installers aiming it during a call (the device is busy then).
                + JpegSnapshots.branch("camera");
    }

    /** The camera's latest picture in this call as JPEG (at most a second old), or {@code null} before the first. */
    public byte[] lastCameraPicture() {
        return cameraPicture.get();
    }

    /**
     * Asks the encoder for a key frame with its parameter sets (a peer's PLI or FIR, RFC 4585
     * §6.3.1, RFC 5104 §4.3.1): a force-key-unit event travels from the sink up to x264enc.
     */
    public void requestKeyFrame() {
        Pointer event;
        try {
            event = VideoEvents.LIB.gst_video_event_new_upstream_force_key_unit(-1L, true, 0);
        } catch (LinkageError e) {
            // libgstvideo ships with every GStreamer; should it be missing, the periodic key frame still comes.
            LOG.warn("cannot ask the encoder for a key frame: {}", e.toString());
            return;
        }
        sink.sendEvent(Natives.callerOwnsReturn(event, Event.class));
    }

    /** The encoder's current target, in kbit/s. */
    int bitrateKbps() {
        return ((Number) encoder.get("bitrate")).intValue();
    }

    /** libgstvideo's force-key-unit constructor, which gst1-java-core does not wrap. */
    interface VideoEvents extends Library {
        VideoEvents LIB = Native.load("gstvideo-1.0", VideoEvents.class);

        Pointer gst_video_event_new_upstream_force_key_unit(long runningTime, boolean allHeaders, int count);
    }
}
