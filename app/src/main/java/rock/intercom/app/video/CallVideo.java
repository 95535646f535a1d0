package rock.intercom.app.video;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.app.Closing;
import rock.intercom.media.sdp.NegotiatedVideo;
import rock.intercom.media.sdp.VideoOutcome;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.video.VideoEngine;
import rock.intercom.media.video.VideoSession;
import rock.intercom.media.video.VideoStatistics;
import rock.intercom.settings.CallOptions;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.VideoCalls;
import rock.intercom.settings.VideoOptions;

/**
 * The door's call video, one per device, beside its call audio: binds a call's video RTP/RTCP pair
 * (from the audio's range) when the SDP negotiation wants to offer or answer video, keeps what the
 * negotiation decided, runs a {@link VideoSession} from the audio's start to its stop, and names the
 * result for the call's events ({@code H264 640x480 sendrecv}, {@code none (refused)}). Video never
 * fails a call: a session that does not start is logged and the call goes on with audio.
 * Thread-safe: the SIP dialogs thread binds and decides, the call thread starts and stops.
 */
public final class CallVideo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallVideo.class);

    /** Video streams one call may start (the first and re-INVITEs' new ones). */
    static final int MAX_STREAMS_PER_CALL = 8;

    private final Supplier<DeviceSettings> settings;
    private final VideoSetup setup;
    private final RtpPortRange ports;
    private final Map<String, VideoChannel> channels = new ConcurrentHashMap<>();
    private final AtomicBoolean engineWarned = new AtomicBoolean();

    public CallVideo(Supplier<DeviceSettings> settings, VideoSetup setup, RtpPortRange ports) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.ports = Objects.requireNonNull(ports, "ports");
        DeviceSettings now = settings.get();
        CallOptions options = now == null || now.sip() == null ? null : now.sip().callOptions();
        if (options != null && options.videoCalls() != null && options.videoCalls() != VideoCalls.OFF) {
            VideoEngine.warmUpInBackground();
        }
    }

    /**
     * A video port for the call's offer or answer (the same one again for a later offer of the
     * call), or 0 when video cannot run here: no video engine (one WARN per process) or no free pair.
     */
    public int bind(String callId, InetAddress local) {
        Optional<String> unavailable = VideoEngine.unavailable();
        if (unavailable.isPresent()) {
            if (engineWarned.compareAndSet(false, true)) {
                LOG.warn("video calls are refused: {}", unavailable.get());
            }
            return 0;
        }
        // One call at a time: what an earlier call bound but never started is released now (as audio does).
        for (Map.Entry<String, VideoChannel> other : channels.entrySet()) {
            if (!other.getKey().equals(callId) && other.getValue().session().isEmpty()) {
                stop(other.getKey());
            }
        }
        VideoChannel channel = channels.computeIfAbsent(callId, id -> new VideoChannel());
        int port = channel.localPort();
        if (port > 0) {
            return port;
        }
        try {
            MediaSockets sockets = ports.bind(local);
            if (!channel.bound(sockets)) {
                sockets.close();
                return channel.localPort();
            }
            return sockets.rtpPort();
        } catch (IOException e) {
            LOG.warn("call {}: no video port, video refused: {}", callId, e.getMessage());
            return 0;
        }
    }

    /** The call's video port while it holds one (for a re-INVITE's answer), else 0. */
    public int localPort(String callId) {
        VideoChannel channel = channels.get(callId);
        return channel == null ? 0 : channel.localPort();
    }

    /**
     * What the negotiation decided for the call's video; the first decision stands. Returns the
     * label the call's events carry.
     */
    public String decided(String callId, VideoOutcome outcome) {
        VideoChannel channel = channels.computeIfAbsent(callId, id -> new VideoChannel());
        channel.decided(outcome).ifPresent(MediaSockets::close);
        VideoOutcome standing = channel.outcome().orElse(outcome);
        String label = label(standing);
        LOG.info("call {}: video: {}", callId, label);
        return label;
    }

    /** Starts the agreed video (the call's media starts); nothing when there is none. */
    public void start(String callId) {
        VideoChannel channel = channels.get(callId);
        if (channel == null) {
            return;
        }
        Optional<MediaSockets> sockets = channel.takeForStart();
        Optional<VideoOutcome> outcome = channel.outcome();
        if (sockets.isEmpty() || !(outcome.orElse(null) instanceof VideoOutcome.Agreed agreed)) {
            return;
        }
        VideoSession session;
        try {
            session = new VideoSession(sockets.get(), agreed.video(), setup.camera(), format());
            session.start();
        } catch (RuntimeException e) {
            sockets.get().close();
            LOG.warn("call {}: video did not start, the call goes on with audio: {}", callId, e.getMessage());
            return;
        }
        if (!channel.running(session)) {
            session.close();
        }
    }

    // ---- re-INVITEs during the call (SIP dialogs thread; the call's media runs) ----

    /**
     * The video port a re-INVITE's answer names: the running stream's; or, when Video Calls allows
     * video and the call has none now (refused at first, or removed since), a fresh pair.
     */
    public int reOfferPort(String callId, InetAddress local, boolean allowed) {
        int port = localPort(callId);
        return port > 0 || !allowed || !mayStartAnother(callId) ? port : bind(callId, local);
    }

    /**
     * Each new stream builds an encoder and a decoder (tens of ms of CPU): a peer that adds and
     * removes video over and over gets at most {@link #MAX_STREAMS_PER_CALL}; after that its video
     * is answered with port 0 and the call goes on with what it has.
     */
    private boolean mayStartAnother(String callId) {
        VideoChannel channel = channels.get(callId);
        boolean may = channel == null || channel.streams() < MAX_STREAMS_PER_CALL;
        if (!may) {
            LOG.info("call {}: video refused: {} video streams in this call already", callId, MAX_STREAMS_PER_CALL);
        }
        return may;
    }

    /**
     * Whether a re-INVITE's agreement cannot go on in the running session (new keys or payload
     * type, or a direction whose pipeline was not built): then {@link #restart} and answer again.
     */
    public boolean needsNewStream(String callId, VideoOutcome outcome) {
        return outcome instanceof VideoOutcome.Agreed agreed
                && session(callId).map(s -> !s.canFollow(agreed.video())).orElse(false);
    }

    /** Stops the call's running video and binds a fresh pair for the new stream: its port, or 0. */
    public int restart(String callId, InetAddress local) {
        VideoChannel channel = channels.get(callId);
        if (channel != null) {
            closeQuietly(channel.release());
        }
        return mayStartAnother(callId) ? bind(callId, local) : 0;
    }

    /**
     * Applies a re-INVITE's agreement to the running call: the session follows a new address or
     * direction (hold and resume included), a new stream starts, or a refused/removed one stops.
     * Returns the label, as for the call's events.
     */
    public String renegotiated(String callId, VideoOutcome outcome) {
        VideoChannel channel = channels.computeIfAbsent(callId, id -> new VideoChannel());
        channel.redecided(outcome);
        Optional<VideoSession> running = channel.session();
        if (outcome instanceof VideoOutcome.Agreed agreed && running.isPresent()) {
            running.get().follow(agreed.video());
        } else if (outcome instanceof VideoOutcome.Agreed) {
            start(callId);
        } else {
            closeQuietly(channel.release());
        }
        String label = label(outcome);
        LOG.info("call {}: re-INVITE: video: {}", callId, label);
        return label;
    }

    public void stop(String callId) {
        VideoChannel channel = channels.remove(callId);
        if (channel != null) {
            closeQuietly(channel.end());
        }
    }

    /** The call's video counters while its video runs. */
    public Optional<VideoStatistics> statistics(String callId) {
        VideoChannel channel = channels.get(callId);
        return channel == null ? Optional.empty() : channel.session().map(VideoSession::statistics);
    }

    /** The peer's latest picture in the call (JPEG, at most a second old), if any arrived. */
    public Optional<byte[]> snapshot(String callId) {
        VideoChannel channel = channels.get(callId);
        return channel == null ? Optional.empty() : channel.session().flatMap(VideoSession::lastPicture);
    }

    /** What the camera sends in a running call (JPEG, at most a second old), if a call sends video now. */
    public Optional<byte[]> sentPicture() {
        for (VideoChannel channel : channels.values()) {
            Optional<byte[]> picture = channel.session().flatMap(VideoSession::lastCameraPicture);
            if (picture.isPresent()) {
                return picture;
            }
        }
        return Optional.empty();
    }

    /** Whether a call's video session runs now (its camera is then busy for anything else). */
    public boolean sending() {
        return channels.values().stream().anyMatch(c -> c.session().map(s -> s.media().direction().sends()).orElse(false));
    }

    /** The running session of a call, for tests and diagnostics. */
    public Optional<VideoSession> session(String callId) {
        VideoChannel channel = channels.get(callId);
        return channel == null ? Optional.empty() : channel.session();
    }

    public VideoSetup setup() {
        return setup;
    }

    /** How a call's events name its video. */
    String label(VideoOutcome outcome) {
        if (outcome instanceof VideoOutcome.Agreed agreed) {
            NegotiatedVideo v = agreed.video();
            VideoOptions f = format();
            return "H264 " + f.width() + "x" + f.height() + " " + v.direction().attribute();
        }
        return "none (" + ((VideoOutcome.None) outcome).reason() + ")";
    }

    /** The size and rate video calls send now (the settings', or the defaults). */
    public VideoOptions format() {
        DeviceSettings now = settings.get();
        CallOptions options = now == null || now.sip() == null ? null : now.sip().callOptions();
        return options == null ? VideoOptions.DEFAULTS : options.videoOrDefaults();
    }

    @Override
    public void close() {
        for (String callId : channels.keySet()) {
            stop(callId);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        Closing.reporting(c, e -> LOG.debug("video close: {}", e.toString()));
    }
}
