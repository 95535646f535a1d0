package rock.intercom.app.audio;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.app.video.CallVideo;
import rock.intercom.call.media.MediaProblem;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.call.media.SdpAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.media.audio.AudioDeviceException;
import rock.intercom.media.sdp.LocalEndpoint;
import rock.intercom.media.sdp.LocalOffer;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.MediaPolicy;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.sdp.Negotiation;
import rock.intercom.media.sdp.OfferAnswer;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.MediaSockets;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;

/**
 * The SDP offer/answer of the door's calls (RFC 3264 with SDES keys per the Encryption setting):
 * binds each call's RTP/RTCP pair when it offers or answers and records what was agreed in the
 * call's {@link CallChannel}, ready for {@link MediaLifecycle} to start. A missing Encryption
 * setting counts as {@code RTP_OPTIONAL_SRTP}. Called on the SIP dialogs thread; thread-safe.
 */
final class SdpNegotiation {

    private static final String NO_PORT = "no RTP port for the call: ";
    /** RFC 863's discard port: what a rehearsed offer names, never bound. */
    private static final int REHEARSAL_PORT = 9;
    private static final Logger LOG = LoggerFactory.getLogger(SdpNegotiation.class);

    private final Supplier<DeviceSettings> settings;
    private final AudioSetup setup;
    private final MediaAddress address;
    private final Map<String, CallChannel> channels;
    private final CallChannel.SessionOpener opener;
    private final CallVideo video;

    SdpNegotiation(Supplier<DeviceSettings> settings, AudioSetup setup, MediaAddress address,
            Map<String, CallChannel> channels, CallChannel.SessionOpener opener, CallVideo video) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.address = Objects.requireNonNull(address, "address");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.video = Objects.requireNonNull(video, "video");
    }

    /**
     * Our offer: RTP/AVP with crypto lines for RTP_OPTIONAL_SRTP, RTP/SAVP for SRTP_ONLY (see
     * {@link OfferAnswer}). Without a free RTP port there is none: one WARN here, and the
     * signalling reports the reason to the call once.
     */
    SdpOffer offer(String callId) {
        DeviceSettings now = settings.get();
        CallChannel channel = newChannel(callId, true);
        BoundPair bound;
        try {
            bound = bindPorts(callId, channel, now);
        } catch (IOException e) {
            return new MediaProblem(NO_PORT + e.getMessage());
        }
        InetAddress local = bound.local();
        MediaSockets sockets = bound.sockets();
        MediaPolicy policy = policy(now, true);
        OfferAnswer negotiator = new OfferAnswer(policy);
        LocalOffer offer = negotiator.createOffer(firstEndpoint(callId, policy, local, sockets),
                channel.sessionId(), channel.nextVersion());
        channel.offered(sockets, offer, negotiator);
        // DEBUG: this runs before the INVITE leaves, and one INFO line written to the console costs
        // 0.2-2.6 ms there after the door sat idle (bench/api-press.sh); the INVITE's own line follows the send.
        LOG.debug("call {}: audio offer on port {} ({})", callId, sockets.rtpPort(), encryption(now));
        return new SdpOffer.Offer(offer.toSdp());
    }

    /**
     * The SDP {@link #offer} would write under the settings in force, but on the discard port (9)
     * and without binding a pair, a channel or video, with fresh keys that go nowhere but the
     * returned text: for {@code PressRehearsal} only. Null when the media address cannot be had.
     */
    String rehearsedOffer() {
        DeviceSettings now = settings.get();
        InetAddress local;
        try {
            local = address.forCall(now);
        } catch (IOException e) {
            return null;
        }
        return new OfferAnswer(policy(now, true)).createOffer(endpoint(local, REHEARSAL_PORT, 0),
                ThreadLocalRandom.current().nextLong(1, 1L << 40), 1).toSdp();
    }

    /**
     * Our answer to an incoming INVITE's offer, or to a re-INVITE's (hold, resume, new address):
     * 488 when the offer is unusable under the settings (SRTP_ONLY and no usable crypto line,
     * no common codec), 400 when it does not parse. A refused re-INVITE leaves the call as it was
     * (RFC 3261 §14.2).
     */
    SdpAnswer answer(String callId, String remoteOffer) {
        DeviceSettings now = settings.get();
        CallChannel existing = channels.get(callId);
        if (existing != null && existing.session().isPresent()) {
            return reAnswer(existing, remoteOffer, now);
        }
        if (existing != null && existing.phase() instanceof ChannelPhase.Agreed agreed) {
            return reAgree(existing, agreed, remoteOffer, now);
        }
        CallChannel channel = newChannel(callId, existing != null && existing.outgoing());
        BoundPair bound;
        try {
            bound = bindPorts(callId, channel, now);
        } catch (IOException e) {
            return SdpAnswer.Refusal.notAcceptable(NO_PORT + e.getMessage());
        }
        InetAddress local = bound.local();
        MediaSockets sockets = bound.sockets();
        MediaPolicy policy = policy(now, channel.outgoing());
        Negotiation result = new OfferAnswer(policy).answerOffer(remoteOffer,
                firstEndpoint(callId, policy, local, sockets), channel.sessionId(),
                channel.nextVersion());
        if (result instanceof Negotiation.Failed failed) {
            sockets.close();
            video.stop(callId);
            channels.remove(callId, channel);
            LOG.info("call {}: offer refused with {}: {}", callId, failed.failure().sipStatus(),
                    failed.failure().reason());
            return new SdpAnswer.Refusal(failed.failure().sipStatus(), failed.failure().reason());
        }
        Negotiation.Agreed agreed = (Negotiation.Agreed) result;
        channel.agreed(sockets, agreed.media());
        LOG.info("call {}: answered with {} {}", callId, agreed.media().codec(), agreed.media().securityLabel());
        return new SdpAnswer.Answer(agreed.answer().toSdp(),
                CallChannel.summary(agreed.media()).withVideo(video.decided(callId, agreed.video())));
    }

    /** The answer to our offer: the media the call runs on, or why it cannot. */
    RemoteAnswer accepted(String callId, String remoteAnswer) {
        CallChannel channel = channels.get(callId);
        if (channel == null) {
            return new MediaProblem("no offer was made for this call");
        }
        RemoteAnswer result = channel.accepted(remoteAnswer);
        if (result instanceof RemoteAnswer.Usable usable) {
            LOG.info("call {}: answer accepted ({})", callId, usable.media().protection());
            result = new RemoteAnswer.Usable(usable.media().withVideo(video.decided(callId, channel.videoOutcome())));
        } else {
            video.stop(callId);
            LOG.info("call {}: answer not usable: {}", callId, ((MediaProblem) result).reason());
        }
        return result;
    }

    /**
     * Our best-effort offer (RTP/AVP with crypto lines) was refused with {@code status}, as an
     * SRTP-only station does: the same offer as RTP/SAVP, sent once more by the signalling (see
     * {@link OfferAnswer}). Empty under SRTP_ONLY, after a refused retry, or for an unknown call.
     */
    Optional<String> retryOffer(String callId, int status) {
        CallChannel channel = channels.get(callId);
        Optional<LocalOffer> retry = channel == null ? Optional.empty() : channel.retryOffer();
        retry.ifPresent(offer -> LOG.info("call {}: offer refused with {}; offering RTP/SAVP", callId, status));
        return retry.map(LocalOffer::toSdp);
    }

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

    /**
     * A re-offer that arrives before the call's media started (a hold sent right after the ACK,
     * racing the call logic's start): the agreement is renewed on the same port, so the media
     * starts as the latest offer says. If the start took the agreement meanwhile, the re-offer
     * is refused and the call goes on as agreed (RFC 3261 §14.2).
     */
    private SdpAnswer reAgree(CallChannel channel, ChannelPhase.Agreed agreed, String remoteOffer,
            DeviceSettings now) {
        MediaSockets sockets = agreed.sockets();
        Negotiation result = new OfferAnswer(policy(now, channel.outgoing()), sameKey(agreed.media()))
                .answerOffer(remoteOffer, endpoint(sockets.rtp().getLocalAddress(), sockets.rtpPort(), video.localPort(channel.callId())),
                        channel.sessionId(), channel.nextVersion());
        if (result instanceof Negotiation.Failed failed) {
            LOG.info("call {}: re-offer refused with {}: {}", channel.callId(), failed.failure().sipStatus(),
                    failed.failure().reason());
            return new SdpAnswer.Refusal(failed.failure().sipStatus(), failed.failure().reason());
        }
        Negotiation.Agreed renewed = (Negotiation.Agreed) result;
        if (!channel.reagreed(agreed, renewed.media())) {
            return new SdpAnswer.Refusal(500, "media was starting");
        }
        LOG.info("call {}: re-offer before media start: media will be {}", channel.callId(),
                renewed.media().direction().attribute());
        return new SdpAnswer.Answer(renewed.answer().toSdp(), CallChannel.summary(renewed.media()));
    }

    /** Keeps our key so an unchanged stream goes on without a new SRTP context (RFC 4568 §7.1.4). */
    private static Function<CryptoSuite, SrtpMasterKey> sameKey(NegotiatedMedia was) {
        return was.srtp().<Function<CryptoSuite, SrtpMasterKey>>map(keys -> suite -> keys.localKey().fits(suite)
                ? keys.localKey() : SrtpMasterKey.random(suite)).orElse(SrtpMasterKey::random);
    }

    private SdpAnswer reAnswer(CallChannel channel, String remoteOffer, DeviceSettings now) {
        MediaSession current = channel.session().orElseThrow();
        NegotiatedMedia was = current.media();
        Function<CryptoSuite, SrtpMasterKey> sameKey = sameKey(was);
        InetAddress local;
        try {
            local = address.forCall(now);
        } catch (IOException e) {
            return SdpAnswer.Refusal.notAcceptable("no local media address: " + e.getMessage());
        }
        MediaPolicy policy = policy(now, channel.outgoing());
        String callId = channel.callId();
        int videoPort = video.reOfferPort(callId, local, policy.videoAllowed());
        Negotiation result = new OfferAnswer(policy, sameKey).answerOffer(remoteOffer,
                endpoint(local, current.localRtpPort(), videoPort), channel.sessionId(), channel.nextVersion());
        if (result instanceof Negotiation.Agreed first && video.needsNewStream(callId, first.video())) {
            // New video keys or payload type: a new stream on a new pair, answered anew (as audio does below).
            result = new OfferAnswer(policy, sameKey).answerOffer(remoteOffer,
                    endpoint(local, current.localRtpPort(), video.restart(callId, local)), channel.sessionId(),
                    channel.nextVersion());
        }
        if (result instanceof Negotiation.Failed failed) {
            Optional<String> removed = OfferAnswer.audioRemoved(remoteOffer, endpoint(local, current.localRtpPort(), video.localPort(channel.callId())),
                    channel.sessionId(), channel.nextVersion());
            if (removed.isPresent()) {
                // Hold by port 0: the stream rests, nothing is sent, and the watchdog waits for a resume.
                current.updateRemote(was.remoteHost(), was.remotePort(), MediaDirection.INACTIVE);
                LOG.info("call {}: re-INVITE took the audio stream away (port 0): media now inactive",
                        channel.callId());
                return new SdpAnswer.Answer(removed.get(), CallChannel.summary(was));
            }
            LOG.info("call {}: re-INVITE refused with {}: {}", channel.callId(), failed.failure().sipStatus(),
                    failed.failure().reason());
            return new SdpAnswer.Refusal(failed.failure().sipStatus(), failed.failure().reason());
        }
        Negotiation.Agreed agreed = (Negotiation.Agreed) result;
        NegotiatedMedia next = agreed.media();
        if (sameStream(was, next)) {
            video.renegotiated(callId, agreed.video());
            current.updateRemote(next.remoteHost(), next.remotePort(), next.direction());
            LOG.info("call {}: re-INVITE: media now {} to {}:{}", channel.callId(), next.direction().attribute(),
                    next.remoteHost(), next.remotePort());
            return new SdpAnswer.Answer(agreed.answer().toSdp(), CallChannel.summary(next));
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
        Negotiation result = new OfferAnswer(policy).answerOffer(remoteOffer,
                endpoint(local, sockets.rtpPort(), video.localPort(channel.callId())), channel.sessionId(),
                channel.nextVersion());
        if (!(result instanceof Negotiation.Agreed agreed)) {
            sockets.close();
            return SdpAnswer.Refusal.notAcceptable("re-INVITE offer changed while answering");
        }
        MediaSession next;
        try {
            next = opener.open(channel, sockets, agreed.media());
        } catch (AudioDeviceException | RuntimeException e) {
            sockets.close();
            return SdpAnswer.Refusal.notAcceptable("new stream cannot start: " + e.getMessage());
        }
        channel.replace(next).ifPresent(MediaSession::close);
        video.renegotiated(channel.callId(), agreed.video());
        LOG.info("call {}: re-INVITE: new stream {} {}", channel.callId(), agreed.media().codec(),
                agreed.media().securityLabel());
        return new SdpAnswer.Answer(agreed.answer().toSdp(), CallChannel.summary(agreed.media()));
    }

    static boolean sameStream(NegotiatedMedia a, NegotiatedMedia b) {
        return a.codec() == b.codec() && a.payloadType() == b.payloadType()
                && a.telephoneEventPayloadType() == b.telephoneEventPayloadType() && a.srtp().equals(b.srtp());
    }

    /** The call's local address and the RTP/RTCP pair bound on it. */
    private record BoundPair(InetAddress local, MediaSockets sockets) {
    }

    /**
     * The call's local address and RTP/RTCP pair, for a first offer or answer. Without a free port
     * the new channel is dropped and one WARN logged here; the caller turns the failure into its
     * own result (no offer, or 488), so the call hears of it once.
     */
    private BoundPair bindPorts(String callId, CallChannel channel, DeviceSettings now) throws IOException {
        try {
            InetAddress local = address.forCall(now);
            return new BoundPair(local, setup.rtpPorts().bind(local));
        } catch (IOException e) {
            channels.remove(callId, channel);
            LOG.warn("call {}: no RTP port: {}", callId, e.getMessage());
            throw e;
        }
    }

    /** The endpoint of a call's first offer or answer: its new audio pair and, by the policy, a new video pair. */
    private LocalEndpoint firstEndpoint(String callId, MediaPolicy policy, InetAddress local, MediaSockets sockets) {
        return endpoint(local, sockets.rtpPort(), videoPort(callId, policy, local));
    }

    private static LocalEndpoint endpoint(InetAddress local, int port, int videoPort) {
        return new LocalEndpoint(local.getHostAddress(), port, MediaDirection.SENDRECV, videoPort);
    }

    /** A video port when Video Calls allows video for this call (see {@link CallVideo#bind}), else 0. */
    private int videoPort(String callId, MediaPolicy policy, InetAddress local) {
        return policy.videoAllowed() ? video.bind(callId, local) : 0;
    }

    private static MediaPolicy policy(DeviceSettings settings, boolean outgoing) {
        return new MediaPolicy(encryption(settings), MediaLifecycle.callOptions(settings).videoCalls(), outgoing);
    }

    private static Encryption encryption(DeviceSettings settings) {
        Encryption e = settings == null || settings.sip() == null ? null : settings.sip().encryption();
        return e == null ? Encryption.RTP_OPTIONAL_SRTP : e;
    }
}
