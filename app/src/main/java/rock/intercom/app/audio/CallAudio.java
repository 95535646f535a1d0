package rock.intercom.app.audio;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.app.CallMedia;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallInput;
import rock.intercom.media.audio.AudioDeviceException;
import rock.intercom.media.audio.Microphone;
import rock.intercom.media.audio.Speaker;
import rock.intercom.media.sdp.LocalEndpoint;
import rock.intercom.media.sdp.LocalOffer;
import rock.intercom.media.sdp.MediaPolicy;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.sdp.Negotiation;
import rock.intercom.media.sdp.OfferAnswer;
import rock.intercom.media.session.MediaListener;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.MediaSessionOptions;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.srtp.SrtpCryptoProvider;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.CallOptions;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.sip.call.SdpAnswer;
import rock.intercom.sip.call.SessionDescriptions;

/**
 * The door's call audio, one per device: the SDP offer/answer the SIP dialogs ask for
 * ({@link SessionDescriptions}, RFC 3264 with SDES keys per the Encryption setting) and the media
 * the call logic starts and stops ({@link CallMedia}).
 *
 * <p>Each call binds an RTP/RTCP pair from the {@link AudioSetup}'s range when it offers or
 * answers, and keeps it until {@link #stop}; a call that never starts media (busy, declined,
 * cancelled: the call logic sends no StopMedia then) is released when the next call offers or
 * answers — the door has one call at a time — or at {@link #close}. Encryption and Video Calls
 * are read from the settings when a call offers or answers; microphone and speaker volume when its
 * media starts and again on {@link #settingsChanged}. A missing Encryption setting counts as
 * {@code RTP_OPTIONAL_SRTP}.
 *
 * <p>DTMF digits the peer sends, by RFC 4733 events or SIP INFO, are logged at INFO with the
 * Call-ID and kept with the call ({@link #receivedDigits}).
 *
 * <p>Failures after the answer reach the call logic as {@link CallInput.MediaFailed}: the no-media
 * watchdog ({@code no audio received} after {@link NoMediaTimeout} seconds without RTP) and a
 * media start that fails (no sound card, socket gone).
 *
 * <p>Threading: every method is thread-safe. The SIP dialogs thread calls offer/answer/accepted,
 * the call thread start/stop; each call's transitions are serialised by its {@link CallChannel}.
 */
public final class CallAudio implements SessionDescriptions, CallMedia, AutoCloseable {

    /** How long a StartMedia waits for the answer to our offer that the signalling is applying. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(CallAudio.class);

    private final Supplier<DeviceSettings> settings;
    private final AudioSetup setup;
    private final MediaAddress address;
    private final Consumer<CallInput> inputs;
    private final Map<String, CallChannel> channels = new ConcurrentHashMap<>();

    /** With media on the address routed towards the SIP server. */
    public CallAudio(Supplier<DeviceSettings> settings, AudioSetup setup, Consumer<CallInput> inputs) {
        this(settings, setup, MediaAddress.towardsServer(), inputs);
    }

    public CallAudio(Supplier<DeviceSettings> settings, AudioSetup setup, MediaAddress address,
            Consumer<CallInput> inputs) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.address = Objects.requireNonNull(address, "address");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        // jitsi-srtp picks and warms its AES provider on first use, for seconds on a small CPU; done
        // now, the first SRTP call's sender does not stall (and skip that much audio) for it.
        SrtpCryptoProvider.warmUpInBackground();
    }

    // ---- SessionDescriptions (SIP dialogs thread) ----

    /**
     * Our offer: RTP/AVP with crypto lines for RTP_OPTIONAL_SRTP, RTP/SAVP for SRTP_ONLY (see
     * {@link OfferAnswer}). Without a free RTP port the call cannot go on: the call logic gets
     * TransportFailed and this throws, so no INVITE leaves.
     */
    @Override
    public String offer(String callId) {
        DeviceSettings now = settings.get();
        CallChannel channel = newChannel(callId, true);
        MediaSockets sockets;
        InetAddress local;
        try {
            local = address.forCall(now);
            sockets = setup.rtpPorts().bind(local);
        } catch (IOException e) {
            String reason = "no RTP port for the call: " + e.getMessage();
            channels.remove(callId, channel);
            inputs.accept(new CallInput.TransportFailed(callId, reason));
            throw new IllegalStateException(reason, e);
        }
        OfferAnswer negotiator = new OfferAnswer(policy(now, true));
        LocalOffer offer = negotiator.createOffer(endpoint(local, sockets.rtpPort()), channel.sessionId(),
                channel.nextVersion());
        channel.offered(sockets, offer, negotiator);
        LOG.info("call {}: audio offer on port {} ({})", callId, sockets.rtpPort(), encryption(now));
        return offer.toSdp();
    }

    /**
     * Our answer to an incoming INVITE's offer, or to a re-INVITE's (hold, resume, new address):
     * 488 when the offer is unusable under the settings (SRTP_ONLY and no usable crypto line,
     * no common codec), 400 when it does not parse. A refused re-INVITE leaves the call as it was
     * (RFC 3261 §14.2).
     */
    @Override
    public SdpAnswer answer(String callId, String remoteOffer) {
        DeviceSettings now = settings.get();
        CallChannel existing = channels.get(callId);
        if (existing != null && existing.session().isPresent()) {
            return reAnswer(existing, remoteOffer, now);
        }
        CallChannel channel = newChannel(callId, existing != null && existing.outgoing());
        MediaSockets sockets;
        InetAddress local;
        try {
            local = address.forCall(now);
            sockets = setup.rtpPorts().bind(local);
        } catch (IOException e) {
            channels.remove(callId, channel);
            LOG.warn("call {}: no RTP port: {}", callId, e.getMessage());
            return SdpAnswer.Refusal.notAcceptable("no RTP port for the call: " + e.getMessage());
        }
        Negotiation result = new OfferAnswer(policy(now, channel.outgoing()))
                .answerOffer(remoteOffer, endpoint(local, sockets.rtpPort()), channel.sessionId(), channel.nextVersion());
        if (result instanceof Negotiation.Failed failed) {
            sockets.close();
            channels.remove(callId, channel);
            LOG.info("call {}: offer refused with {}: {}", callId, failed.failure().sipStatus(),
                    failed.failure().reason());
            return new SdpAnswer.Refusal(failed.failure().sipStatus(), failed.failure().reason());
        }
        Negotiation.Agreed agreed = (Negotiation.Agreed) result;
        channel.agreed(sockets, agreed.media());
        LOG.info("call {}: answered with {} {}", callId, agreed.media().codec(), agreed.media().securityLabel());
        return new SdpAnswer.Answer(agreed.answer().toSdp());
    }

    /** The answer to our offer: empty when the call can run on it, else the reason it cannot. */
    @Override
    public Optional<String> accepted(String callId, String remoteAnswer) {
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            return Optional.of("no offer was made for this call");
        }
        Optional<String> problem = channel.accepted(remoteAnswer, this::open);
        problem.ifPresentOrElse(reason -> LOG.info("call {}: answer not usable: {}", callId, reason),
                () -> LOG.info("call {}: answer accepted ({})", callId, mediaSecurity(callId).orElse("pending")));
        return problem;
    }

    /**
     * Our best-effort offer (RTP/AVP with crypto lines) was refused with {@code status}, as an
     * SRTP-only station does: the same offer as RTP/SAVP, sent once more by the signalling (see
     * {@link OfferAnswer}). Empty under SRTP_ONLY, after a refused retry, or for an unknown call.
     */
    @Override
    public Optional<String> retryOffer(String callId, int status) {
        CallChannel channel = channels.get(callId);
        Optional<LocalOffer> retry = channel == null ? Optional.empty() : channel.retryOffer();
        retry.ifPresent(offer -> LOG.info("call {}: offer refused with {}; offering RTP/SAVP", callId, status));
        return retry.map(LocalOffer::toSdp);
    }

    /** A digit the peer sent in SIP INFO: logged and kept with the call like an RFC 4733 one. */
    @Override
    public void infoDigit(String callId, char digit) {
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            LOG.info("call {}: DTMF {} received in SIP INFO, but the call has no audio", callId, digit);
            return;
        }
        keepDigit(channel, digit, "SIP INFO");
    }

    /**
     * The DTMF digits the peer sent in this call (RFC 4733 events and SIP INFO, in arrival order;
     * at most {@value CallChannel#MAX_DIGITS}), while the call's audio exists; empty otherwise.
     */
    public String receivedDigits(String callId) {
        CallChannel channel = channels.get(callId);
        return channel == null ? "" : channel.digits();
    }

    // ---- CallMedia (call thread) ----

    @Override
    public void start(String callId, CallDirection direction) {
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            inputs.accept(new CallInput.MediaFailed(callId, "no media was negotiated for this call"));
            return;
        }
        channel.start(this::open, ANSWER_WAIT).ifPresent(reason -> {
            LOG.warn("call {}: {} media did not start: {}", callId, direction.label(), reason);
            inputs.accept(new CallInput.MediaFailed(callId, reason));
        });
    }

    @Override
    public void stop(String callId) {
        CallChannel channel = channels.remove(callId);
        if (channel != null) {
            channel.end("call ended");
        }
    }

    @Override
    public Optional<String> mediaSecurity(String callId) {
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            return Optional.empty();
        }
        ChannelPhase phase = channel.phase();
        if (phase instanceof ChannelPhase.Running running) {
            return Optional.of(running.session().securityLabel());
        }
        if (phase instanceof ChannelPhase.Agreed agreed) {
            return Optional.of(agreed.media().securityLabel());
        }
        return Optional.empty();
    }

    /** Applies microphone and speaker volume (guide step 6) to the calls in progress. */
    public void settingsChanged(DeviceSettings current) {
        CallOptions options = callOptions(current);
        for (CallChannel channel : channels.values()) {
            channel.session().ifPresent(session -> {
                session.setMicrophoneVolume(options.microphoneVolume());
                session.setSpeakerVolume(options.speakerVolume());
            });
        }
    }

    /** The running session of a call, for statistics and DTMF. */
    public Optional<MediaSession> session(String callId) {
        CallChannel channel = channels.get(callId);
        return channel == null ? Optional.empty() : channel.session();
    }

    /** Stops every call's media and releases every port. */
    @Override
    public void close() {
        for (String callId : channels.keySet()) {
            stop(callId);
        }
    }

    // ---- internals ----

    private CallChannel newChannel(String callId, boolean outgoing) {
        // One call at a time: what an earlier call bound but never started is released now.
        for (Map.Entry<String, CallChannel> entry : channels.entrySet()) {
            CallChannel other = entry.getValue();
            if (other.session().isEmpty() && channels.remove(entry.getKey(), other)) {
                other.end("superseded by call " + callId);
            }
        }
        CallChannel channel = new CallChannel(callId, outgoing, ThreadLocalRandom.current().nextLong(1, 1L << 40));
        channels.put(callId, channel);
        return channel;
    }

    private SdpAnswer reAnswer(CallChannel channel, String remoteOffer, DeviceSettings now) {
        MediaSession current = channel.session().orElseThrow();
        NegotiatedMedia was = current.media();
        // Keep our key so an unchanged stream goes on without a new SRTP context (RFC 4568 §7.1.4).
        Function<CryptoSuite, SrtpMasterKey> sameKey = was.srtp()
                .<Function<CryptoSuite, SrtpMasterKey>>map(keys -> suite -> keys.localKey().fits(suite)
                        ? keys.localKey() : SrtpMasterKey.random(suite))
                .orElse(SrtpMasterKey::random);
        InetAddress local;
        try {
            local = address.forCall(now);
        } catch (IOException e) {
            return SdpAnswer.Refusal.notAcceptable("no local media address: " + e.getMessage());
        }
        MediaPolicy policy = policy(now, channel.outgoing());
        Negotiation result = new OfferAnswer(policy, sameKey)
                .answerOffer(remoteOffer, endpoint(local, current.localRtpPort()), channel.sessionId(),
                        channel.nextVersion());
        if (result instanceof Negotiation.Failed failed) {
            LOG.info("call {}: re-INVITE refused with {}: {}", channel.callId(), failed.failure().sipStatus(),
                    failed.failure().reason());
            return new SdpAnswer.Refusal(failed.failure().sipStatus(), failed.failure().reason());
        }
        Negotiation.Agreed agreed = (Negotiation.Agreed) result;
        NegotiatedMedia next = agreed.media();
        if (sameStream(was, next)) {
            current.updateRemote(next.remoteHost(), next.remotePort(), next.direction());
            LOG.info("call {}: re-INVITE: media now {} to {}:{}", channel.callId(), next.direction().attribute(),
                    next.remoteHost(), next.remotePort());
            return new SdpAnswer.Answer(agreed.answer().toSdp());
        }
        return replaceSession(channel, remoteOffer, policy, local);
    }

    /** A re-INVITE that changes codec or keys: a new session on new sockets, then the old one closes. */
    private SdpAnswer replaceSession(CallChannel channel, String remoteOffer, MediaPolicy policy, InetAddress local) {
        MediaSockets sockets;
        try {
            sockets = setup.rtpPorts().bind(local);
        } catch (IOException e) {
            return SdpAnswer.Refusal.notAcceptable("no RTP port for the new stream: " + e.getMessage());
        }
        Negotiation result = new OfferAnswer(policy).answerOffer(remoteOffer, endpoint(local, sockets.rtpPort()),
                channel.sessionId(), channel.nextVersion());
        if (!(result instanceof Negotiation.Agreed agreed)) {
            sockets.close();
            return SdpAnswer.Refusal.notAcceptable("re-INVITE offer changed while answering");
        }
        MediaSession next;
        try {
            next = open(channel, sockets, agreed.media());
        } catch (AudioDeviceException | RuntimeException e) {
            sockets.close();
            return SdpAnswer.Refusal.notAcceptable("new stream cannot start: " + e.getMessage());
        }
        channel.replace(next).ifPresent(MediaSession::close);
        LOG.info("call {}: re-INVITE: new stream {} {}", channel.callId(), agreed.media().codec(),
                agreed.media().securityLabel());
        return new SdpAnswer.Answer(agreed.answer().toSdp());
    }

    private static boolean sameStream(NegotiatedMedia a, NegotiatedMedia b) {
        return a.codec() == b.codec() && a.payloadType() == b.payloadType()
                && a.telephoneEventPayloadType() == b.telephoneEventPayloadType() && a.srtp().equals(b.srtp());
    }

    /** Opens and starts a session; on failure every resource it took is closed (sockets by the caller). */
    private MediaSession open(CallChannel channel, MediaSockets sockets, NegotiatedMedia media)
            throws AudioDeviceException {
        DeviceSettings now = settings.get();
        CallOptions volumes = callOptions(now);
        String cname = deviceId(now) + "@" + sockets.rtp().getLocalAddress().getHostAddress();
        MediaSessionOptions options = new MediaSessionOptions(volumes.microphoneVolume(), volumes.speakerVolume(),
                NoMediaTimeout.of(now), MediaSessionOptions.DEFAULT_RTCP_INTERVAL, cname);
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
            if (channel.phase() instanceof ChannelPhase.Running) {
                inputs.accept(new CallInput.MediaFailed(channel.callId(), reason));
            }
        }

        @Override
        public void onDtmf(char digit) {
            keepDigit(channel, digit, "RFC 4733");
        }
    }

    /** Every received digit is logged with its call, and kept (later a door code, guide DTMF). */
    private static void keepDigit(CallChannel channel, char digit, String carrier) {
        if (channel.keepDigit(digit)) {
            LOG.info("call {}: DTMF {} received ({})", channel.callId(), digit, carrier);
        } else {
            LOG.info("call {}: DTMF {} received ({}), not kept: {} digits already", channel.callId(), digit, carrier,
                    CallChannel.MAX_DIGITS);
        }
    }

    private static LocalEndpoint endpoint(InetAddress local, int port) {
        return LocalEndpoint.audio(local.getHostAddress(), port);
    }

    private static MediaPolicy policy(DeviceSettings settings, boolean outgoing) {
        return new MediaPolicy(encryption(settings), callOptions(settings).videoCalls(), outgoing);
    }

    private static Encryption encryption(DeviceSettings settings) {
        Encryption e = settings == null || settings.sip() == null ? null : settings.sip().encryption();
        return e == null ? Encryption.RTP_OPTIONAL_SRTP : e;
    }

    private static CallOptions callOptions(DeviceSettings settings) {
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

    /** For tests: the port range in use. */
    RtpPortRange rtpPorts() {
        return setup.rtpPorts();
    }
}
