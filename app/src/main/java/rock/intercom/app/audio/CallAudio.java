package rock.intercom.app.audio;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import rock.intercom.app.video.CallVideo;
import rock.intercom.app.video.VideoSetup;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.call.ProgressTone;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.call.media.CallMedia;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.call.media.SdpAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.call.media.SessionDescriptions;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.ReceivedDigits;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.srtp.SrtpCryptoProvider;
import rock.intercom.settings.DeviceSettings;

/**
 * The door's call audio, one per device: both media ports of the call over one table of
 * {@link CallChannel}s — {@link SessionDescriptions} for the SIP dialogs ({@link SdpNegotiation})
 * and {@link CallMedia} for the call controller ({@link MediaLifecycle}, with the call-progress
 * tones of a {@link TonePlayer} on the same speaker).
 *
 * <p>Each call binds an RTP/RTCP pair from the {@link AudioSetup}'s range when it offers or
 * answers, and keeps it until {@link #stop}; a call that never starts media (busy, declined,
 * cancelled: the call logic sends no StopMedia then) is released when the next call offers or
 * answers — the door has one call at a time — or at {@link #close}. DTMF digits the peer sends,
 * by RFC 4733 events or SIP INFO, are logged at INFO with the Call-ID and kept with the call
 * ({@link #receivedDigits}).
 *
 * <p>Threading: every method is thread-safe and none waits for another thread's call: the SIP
 * dialogs thread negotiates, the call thread starts and stops.
 */
public final class CallAudio implements SessionDescriptions, CallMedia, AutoCloseable {

    private final Map<String, CallChannel> channels = new ConcurrentHashMap<>();
    private final AudioSetup setup;
    private final MediaLifecycle lifecycle;
    private final SdpNegotiation negotiation;
    private final TonePlayer tones;
    private final CallVideo video;

    /** With media on the address routed towards the SIP server; the call controller connects itself. */
    public CallAudio(Supplier<DeviceSettings> settings, AudioSetup setup) {
        this(settings, setup, MediaAddress.towardsServer());
    }

    /** With the test pattern as camera, should Video Calls allow video. */
    public CallAudio(Supplier<DeviceSettings> settings, AudioSetup setup, MediaAddress address) {
        this(settings, setup, address, VideoSetup.testPattern());
    }

    /** With the door's camera for video calls ({@link CallVideo}: same RTP range, started and stopped with audio). */
    public CallAudio(Supplier<DeviceSettings> settings, AudioSetup setup, MediaAddress address, VideoSetup camera) {
        this.setup = setup;
        this.tones = new TonePlayer(setup.speakers(), settings);
        this.video = new CallVideo(settings, camera, setup.rtpPorts());
        this.lifecycle = new MediaLifecycle(settings, setup, channels, tones);
        this.negotiation = new SdpNegotiation(settings, setup, address, channels, lifecycle::open, video);
        // jitsi-srtp picks and warms its AES provider on first use, for seconds on a small CPU; done
        // now, the first SRTP call's sender does not stall (and skip that much audio) for it.
        SrtpCryptoProvider.warmUpInBackground();
    }

    /** Already connected to {@code inputs}: for a driver other than the call controller (tests). */
    public CallAudio(Supplier<DeviceSettings> settings, AudioSetup setup, MediaAddress address,
            Consumer<CallInput> inputs) {
        this(settings, setup, address);
        connect(inputs);
    }

    // ---- SessionDescriptions (SIP dialogs thread) ----

    @Override
    public SdpOffer offer(String callId) {
        return negotiation.offer(callId);
    }

    /**
     * The offer a press would make, without binding anything (for rehearsing a press's path after
     * registering, see {@code PressRehearsal}); null when the media address cannot be had. Any thread.
     */
    public String rehearsedOffer() {
        return negotiation.rehearsedOffer();
    }

    @Override
    public SdpAnswer answer(String callId, String remoteOffer) {
        return negotiation.answer(callId, remoteOffer);
    }

    @Override
    public RemoteAnswer accepted(String callId, String remoteAnswer) {
        return negotiation.accepted(callId, remoteAnswer);
    }

    @Override
    public Optional<String> retryOffer(String callId, int status) {
        return negotiation.retryOffer(callId, status);
    }

    @Override
    public void infoDigit(String callId, char digit) {
        lifecycle.infoDigit(callId, digit);
    }

    // ---- CallMedia (call thread) ----

    @Override
    public void connect(Consumer<CallInput> sink) {
        lifecycle.connect(sink);
    }

    @Override
    public void start(String callId, CallDirection direction) {
        lifecycle.start(callId, direction);
        video.start(callId);
    }

    @Override
    public void stop(String callId) {
        lifecycle.stop(callId);
        video.stop(callId);
    }

    @Override
    public void startEarly(String callId) {
        lifecycle.startEarly(callId);
    }

    @Override
    public void playTone(ProgressTone tone, Duration length) {
        tones.play(tone, length);
    }

    @Override
    public void stopTone() {
        tones.stop();
    }

    // ---- the device and diagnostics ----

    /** Applies microphone and speaker volume (guide step 6) to the calls in progress. */
    public void settingsChanged(DeviceSettings current) {
        lifecycle.settingsChanged(current);
    }

    /** The running session of a call, for statistics and DTMF. */
    public Optional<MediaSession> session(String callId) {
        return lifecycle.session(callId);
    }

    /**
     * What protects the call's media, e.g. {@code SRTP AES_CM_128_HMAC_SHA1_80} or {@code RTP},
     * while it is agreed or running; the call's events get it from the input, not from here.
     */
    public Optional<String> mediaSecurity(String callId) {
        CallChannel channel = channels.get(callId);
        return channel == null ? Optional.empty() : channel.agreedMedia().map(AgreedMedia::protection);
    }

    /**
     * The DTMF digits the peer sent in this call (RFC 4733 events and SIP INFO, in arrival order;
     * at most {@value ReceivedDigits#MAX}), while the call's audio exists; empty otherwise.
     */
    public String receivedDigits(String callId) {
        CallChannel channel = channels.get(callId);
        return channel == null ? "" : channel.digits();
    }

    /** The call's video (statistics, snapshots) beside its audio. */
    public CallVideo video() {
        return video;
    }

    /** Stops the tone and every call's media, and releases every port. */
    @Override
    public void close() {
        tones.close();
        for (String callId : channels.keySet()) {
            lifecycle.stop(callId);
        }
        video.close();
    }

    /** For tests: the port range in use. */
    RtpPortRange rtpPorts() {
        return setup.rtpPorts();
    }
}
