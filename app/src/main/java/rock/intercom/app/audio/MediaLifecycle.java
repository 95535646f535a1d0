package rock.intercom.app.audio;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.media.audio.AudioDeviceException;
import rock.intercom.media.audio.Microphone;
import rock.intercom.media.audio.Speaker;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.session.MediaListener;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.ReceivedDigits;
import rock.intercom.media.session.MediaSessionOptions;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.settings.CallOptions;
import rock.intercom.settings.DeviceSettings;

/**
 * Runs the media of the door's calls once {@link SdpNegotiation} agreed it: starts and stops
 * sessions on the call logic's commands, applies microphone and speaker volume (when media
 * starts and on every settings change), keeps the DTMF digits the peer sends, and turns the
 * no-media watchdog and a media start that fails into {@link CallInput.MediaFailed} for the sink.
 * Early media (RFC 3960) runs the same session with the microphone at volume 0 until the answer's
 * start, so the visitor is not heard before the desk picks up. Any call-progress tone stops before
 * a session opens the speaker. Thread-safe: start and stop come from the call thread, digits and
 * the watchdog from media threads.
 */
final class MediaLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MediaLifecycle.class);

    private final Supplier<DeviceSettings> settings;
    private final AudioSetup setup;
    private final Map<String, CallChannel> channels;
    private final TonePlayer tones;
    /** Calls whose media runs as early media: the microphone stays muted, whatever the settings say. */
    private final Set<String> early = ConcurrentHashMap.newKeySet();
    private volatile Consumer<CallInput> inputs = input -> LOG.warn("media input {} before connect; dropped", input);

    MediaLifecycle(Supplier<DeviceSettings> settings, AudioSetup setup, Map<String, CallChannel> channels,
            TonePlayer tones) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.tones = Objects.requireNonNull(tones, "tones");
    }

    void connect(Consumer<CallInput> sink) {
        inputs = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Starts the agreed media, or unmutes the early media already running; a start that fails is
     * reported once, as MediaFailed, with one WARN.
     */
    void start(String callId, CallDirection direction) {
        tones.stop();
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            inputs.accept(new CallInput.MediaFailed(callId, "no media was negotiated for this call"));
            return;
        }
        if (early.remove(callId)) {
            Optional<MediaSession> running = channel.session();
            if (running.isPresent()) {
                running.get().setMicrophoneVolume(callOptions(settings.get()).microphoneVolume());
                running.get().restartNoMediaWatch();
                LOG.info("call {}: answered; early media goes on with the microphone", callId);
                return;
            }
            if (channel.phase() instanceof ChannelPhase.Ended ended) {
                // The early start failed and gave up the sockets: the answered call has no media.
                inputs.accept(new CallInput.MediaFailed(callId, ended.reason()));
                return;
            }
        }
        channel.start(this::open).ifPresent(reason -> {
            LOG.warn("call {}: {} media did not start: {}", callId, direction.label(), reason);
            inputs.accept(new CallInput.MediaFailed(callId, reason));
        });
    }

    /**
     * Starts the agreed media with the microphone muted; a failure is only logged, since the call
     * still rings and its answer starts the media again.
     */
    void startEarly(String callId) {
        tones.stop();
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            LOG.warn("call {}: early media announced but nothing negotiated", callId);
            return;
        }
        early.add(callId);
        channel.start((c, sockets, media) -> open(c, sockets, media, true)).ifPresentOrElse(
                reason -> LOG.warn("call {}: early media did not start: {}", callId, reason),
                () -> LOG.info("call {}: early media plays", callId));
    }

    void stop(String callId) {
        early.remove(callId);
        CallChannel channel = channels.remove(callId);
        if (channel != null) {
            channel.end("call ended");
        }
    }

    /** Applies microphone and speaker volume (guide step 6) to the calls in progress. */
    void settingsChanged(DeviceSettings current) {
        CallOptions options = callOptions(current);
        for (CallChannel channel : channels.values()) {
            channel.session().ifPresent(session -> {
                if (!early.contains(channel.callId())) {
                    session.setMicrophoneVolume(options.microphoneVolume());
                }
                session.setSpeakerVolume(options.speakerVolume());
            });
        }
        tones.settingsChanged(current);
    }

    /** A digit the peer sent in SIP INFO: logged and kept with the call like an RFC 4733 one. */
    void infoDigit(String callId, char digit) {
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            LOG.info("call {}: DTMF {} received in SIP INFO, but the call has no audio", callId, digit);
            return;
        }
        keepDigit(channel, digit, "SIP INFO");
    }

    /** The running session of a call, for statistics and DTMF. */
    Optional<MediaSession> session(String callId) {
        CallChannel channel = channels.get(callId);
        return channel == null ? Optional.empty() : channel.session();
    }

    /** Opens and starts a session; on failure every resource it took is closed (sockets by the caller). */
    MediaSession open(CallChannel channel, MediaSockets sockets, NegotiatedMedia media) throws AudioDeviceException {
        return open(channel, sockets, media, early.contains(channel.callId()));
    }

    private MediaSession open(CallChannel channel, MediaSockets sockets, NegotiatedMedia media, boolean muted)
            throws AudioDeviceException {
        DeviceSettings now = settings.get();
        CallOptions volumes = callOptions(now);
        String cname = deviceId(now) + "@" + sockets.rtp().getLocalAddress().getHostAddress();
        MediaSessionOptions options = new MediaSessionOptions(muted ? 0 : volumes.microphoneVolume(),
                volumes.speakerVolume(), NoMediaTimeout.of(now), MediaSessionOptions.DEFAULT_RTCP_INTERVAL, cname);
        Microphone microphone = setup.microphones().get();
        Speaker speaker;
        try {
            speaker = setup.speakers().get();
        } catch (RuntimeException e) {
            microphone.close();
            throw e;
        }
        MediaSession session;
        try {
            session = new MediaSession(sockets, media, microphone, speaker, options, new Watchdog(channel));
        } catch (RuntimeException e) {
            microphone.close();
            speaker.close();
            throw e;
        }
        session.start(); // closes itself (sockets, devices) when it fails
        return session;
    }

    /** Turns the session's no-media report into the call input, while that session is the call's. */
    private final class Watchdog implements MediaListener {
        private final CallChannel channel;

        Watchdog(CallChannel channel) {
            this.channel = channel;
        }

        @Override
        public void onNoMedia(String reason) {
            if (early.contains(channel.callId())) {
                // A network may keep early media silent; the watch starts over at the answer.
                LOG.info("call {}: early media silent: {}", channel.callId(), reason);
            } else if (channel.phase() instanceof ChannelPhase.Running) {
                inputs.accept(new CallInput.MediaFailed(channel.callId(), reason));
            }
        }

        @Override
        public void onDtmf(char digit) {
            keepDigit(channel, digit, "RFC 4733");
        }
    }

    /**
     * Every received digit is logged with its call, kept, and posted to the call logic (the door
     * release code); past {@link ReceivedDigits#MAX} a call's digits are only logged, so a peer
     * holding a key down cannot flood the call thread.
     */
    private void keepDigit(CallChannel channel, char digit, String carrier) {
        if (channel.keepDigit(digit)) {
            LOG.info("call {}: DTMF received ({})", channel.callId(), carrier);
            inputs.accept(new CallInput.DigitReceived(channel.callId(), digit));
        } else {
            // Digits are not logged (they may be the door code); the overflow is logged at DEBUG only.
            LOG.debug("call {}: DTMF received ({}), not kept: {} digits already", channel.callId(), carrier,
                    ReceivedDigits.MAX);
        }
    }

    /** The call options with defaults for what the settings leave out. */
    static CallOptions callOptions(DeviceSettings settings) {
        CallOptions o = settings == null || settings.sip() == null ? null : settings.sip().callOptions();
        if (o == null) {
            return CallOptions.DEFAULTS;
        }
        return o.videoCalls() == null ? new CallOptions(o.microphoneVolume(), o.speakerVolume(),
                o.callTimeoutSeconds(), CallOptions.DEFAULTS.videoCalls()) : o;
    }

    private static String deviceId(DeviceSettings settings) {
        return settings == null || settings.device() == null || settings.device().id() == null
                ? "door" : settings.device().id();
    }
}
