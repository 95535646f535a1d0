package rock.intercom.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import rock.intercom.media.ParseResult;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpKeys;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.Encryption;

/**
 * SDP offer/answer for the audio stream (RFC 3264) with SDES keys (RFC 4568), following the
 * Encryption setting:
 * <ul>
 *   <li>{@code RTP_OPTIONAL_SRTP} offers {@code RTP/AVP} <em>with</em> {@code a=crypto} lines
 *   ("best-effort SRTP", what baresip calls {@code mediaenc=srtp}): a plain peer ignores the unknown
 *   attribute and answers RTP, an SRTP peer answers one crypto line. A peer that takes RTP/SAVP
 *   only (baresip's {@code mediaenc=srtp-mand}) refuses that offer with 488 (or 415/606); the
 *   signalling then sends the INVITE once more, in the same call attempt, with
 *   {@link #savpRetry the RTP/SAVP variant} of the same offer (same keys and codecs). So a plain
 *   peer costs one round trip, an SRTP-only peer two, and every peer ends up with SRTP when it can
 *   do it. As answerer it takes whatever the offer allows: SRTP when it carries a usable crypto
 *   line, RTP otherwise.</li>
 *   <li>{@code SRTP_ONLY} offers {@code RTP/SAVP}; refuses an offer without a usable crypto line
 *   (488) and fails an answer without one, both with reason {@code remote does not support SRTP}.</li>
 * </ul>
 * Audio codecs: G.722, PCMU and PCMA at 20 ms (RFC 3551), telephone-event 0-15 (RFC 4733). As
 * answerer we take G.722 whenever the offer has it (wideband is what the guard hears best), else the
 * offerer's first choice. Stateless apart from the key source; thread-safe.
 */
public final class OfferAnswer {
    /** Dynamic payload type we offer for telephone-event. */
    public static final int TELEPHONE_EVENT_PT = 101;
    static final String AVP = "RTP/AVP";
    static final String SAVP = "RTP/SAVP";

    private final MediaPolicy policy;
    private final Function<CryptoSuite, SrtpMasterKey> keySource;

    public OfferAnswer(MediaPolicy policy) {
        this(policy, SrtpMasterKey::random);
    }

    /** With an explicit key source, for tests that need fixed keys. */
    public OfferAnswer(MediaPolicy policy, Function<CryptoSuite, SrtpMasterKey> keySource) {
        this.policy = Objects.requireNonNull(policy);
        this.keySource = Objects.requireNonNull(keySource);
    }

    /**
     * Builds our offer (RFC 3264 §5): audio, then H.264 video ({@link VideoOfferAnswer}) when Video
     * Calls allows it for this call and the endpoint has a video port.
     */
    public LocalOffer createOffer(LocalEndpoint local, long sessionId, long sessionVersion) {
        List<CryptoAttribute> crypto = new ArrayList<>();
        int tag = 1;
        for (CryptoSuite suite : CryptoSuite.values()) {
            crypto.add(new CryptoAttribute(tag++, suite, keySource.apply(suite)));
        }
        String protocol = policy.encryption() == Encryption.SRTP_ONLY ? SAVP : AVP;
        List<String> formats = new ArrayList<>();
        List<SdpAttribute> attributes = new ArrayList<>();
        for (Codec c : Codec.values()) {
            formats.add(Integer.toString(c.payloadType()));
            attributes.add(SdpAttribute.of("rtpmap", c.payloadType() + " " + c.rtpmapEncoding()));
        }
        formats.add(Integer.toString(TELEPHONE_EVENT_PT));
        attributes.addAll(telephoneEventAttributes(TELEPHONE_EVENT_PT));
        attributes.add(SdpAttribute.of("ptime", Integer.toString(Codec.PTIME_MS)));
        crypto.forEach(c -> attributes.add(c.toAttribute()));
        attributes.add(SdpAttribute.property(local.direction().attribute()));
        MediaDescription audio = new MediaDescription("audio", local.audioPort(), protocol, formats, null, attributes);
        if (!policy.videoAllowed() || local.videoPort() <= 0) {
            return new LocalOffer(session(local, sessionId, sessionVersion, List.of(audio)), local, crypto);
        }
        List<CryptoAttribute> videoCrypto = new ArrayList<>();
        for (CryptoAttribute c : crypto) {
            videoCrypto.add(new CryptoAttribute(c.tag(), c.suite(), keySource.apply(c.suite())));
        }
        MediaDescription video = VideoOfferAnswer.offer(local, protocol, videoCrypto);
        return new LocalOffer(session(local, sessionId, sessionVersion, List.of(audio, video)), local, crypto,
            videoCrypto);
    }

    /**
     * The offer to send again after the peer refused {@code refused} (488/415/606, RFC 3261
     * §21.4.26): under {@code RTP_OPTIONAL_SRTP} a best-effort offer (RTP/AVP with crypto lines)
     * becomes RTP/SAVP with the same crypto lines, codecs and port, and {@code sessionVersion} in
     * o=. Empty when there is nothing else to offer: SRTP_ONLY (already RTP/SAVP), an offer that
     * is already RTP/SAVP (the retry was refused too) or one without crypto lines.
     */
    public Optional<LocalOffer> savpRetry(LocalOffer refused, long sessionVersion) {
        if (policy.encryption() != Encryption.RTP_OPTIONAL_SRTP || refused.offeredCrypto().isEmpty()) {
            return Optional.empty();
        }
        SessionDescription sd = refused.sdp();
        boolean bestEffort = false;
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : sd.media()) {
            if ((m.media().equals("audio") || m.media().equals("video")) && m.protocol().equals(AVP)
                && !m.attributeValues(CryptoAttribute.NAME).isEmpty()) {
                bestEffort = true;
                media.add(new MediaDescription(m.media(), m.port(), SAVP, m.formats(), m.connectionAddress(),
                    m.attributes(), m.bandwidths()));
            } else {
                media.add(m);
            }
        }
        if (!bestEffort) {
            return Optional.empty();
        }
        SessionDescription retry = new SessionDescription(sd.originUser(), sd.sessionId(), sessionVersion,
            sd.originAddress(), sd.sessionName(), sd.connectionAddress(), sd.attributes(), media);
        return Optional.of(new LocalOffer(retry, refused.local(), refused.offeredCrypto(), refused.videoCrypto()));
    }

    /** Answers a peer's offer (RFC 3264 §6) — for incoming calls and re-INVITEs. */
    public Negotiation answerOffer(String offerSdp, LocalEndpoint local, long sessionId, long sessionVersion) {
        ParseResult<SessionDescription> parsed = SdpParser.parse(offerSdp);
        if (parsed instanceof ParseResult.Malformed<SessionDescription> m) {
            return new Negotiation.Failed(SdpFailure.malformed(m.reason()));
        }
        SessionDescription offer = parsed.orNull();
        List<MediaDescription> answerMedia = new ArrayList<>();
        NegotiatedMedia agreed = null;
        VideoOutcome video = null;
        SdpFailure firstProblem = null;
        for (MediaDescription m : offer.media()) {
            if (m.media().equals("audio") && agreed == null && m.port() != 0) {
                AudioAnswer a = answerAudio(offer, m, local);
                if (a.failure != null) {
                    firstProblem = firstProblem == null ? a.failure : firstProblem;
                    answerMedia.add(m.rejected());
                } else {
                    agreed = a.media;
                    answerMedia.add(a.section);
                }
            } else if (m.media().equals("video") && video == null && m.port() != 0) {
                VideoOfferAnswer.Answer v = VideoOfferAnswer.answer(offer, m, local, policy, keySource);
                video = v.outcome();
                answerMedia.add(v.section());
            } else {
                // Video when Video Calls forbids it for this direction, extra audio, other media: port 0.
                answerMedia.add(m.rejected());
            }
        }
        if (agreed == null) {
            return new Negotiation.Failed(firstProblem != null ? firstProblem
                : SdpFailure.notAcceptable("offer has no audio stream"));
        }
        return new Negotiation.Agreed(session(local, sessionId, sessionVersion, answerMedia), agreed,
            video != null ? video : policy.videoAllowed() ? VideoOutcome.NOT_OFFERED : VideoOutcome.OFF);
    }

    /**
     * The answer to a re-offer that takes the audio stream away with port 0 (RFC 3264 §8.2), as
     * some PBXs hold: every stream rejected in return. Empty when the offer does not parse or
     * still carries audio on a port.
     */
    public static Optional<String> audioRemoved(String offerSdp, LocalEndpoint local, long sessionId,
                                                long sessionVersion) {
        SessionDescription offer = SdpParser.parse(offerSdp).orNull();
        if (offer == null || offer.media().stream().noneMatch(m -> m.media().equals("audio"))
            || offer.media().stream().anyMatch(m -> m.media().equals("audio") && m.port() != 0)) {
            return Optional.empty();
        }
        List<MediaDescription> rejected = offer.media().stream().map(MediaDescription::rejected).toList();
        return Optional.of(session(local, sessionId, sessionVersion, rejected).toSdp());
    }

    /** Applies the peer's answer to our offer (RFC 3264 §7) — for outgoing calls. */
    public Negotiation acceptAnswer(LocalOffer offer, String answerSdp) {
        ParseResult<SessionDescription> parsed = SdpParser.parse(answerSdp);
        if (parsed instanceof ParseResult.Malformed<SessionDescription> m) {
            return new Negotiation.Failed(SdpFailure.malformed(m.reason()));
        }
        SessionDescription answer = parsed.orNull();
        if (answer.media().isEmpty() || !answer.media().get(0).media().equals("audio")) {
            return new Negotiation.Failed(SdpFailure.notAcceptable("answer does not match the offer's audio stream"));
        }
        MediaDescription m = answer.media().get(0);
        if (m.port() == 0) {
            return new Negotiation.Failed(SdpFailure.notAcceptable("remote rejected the audio stream"));
        }
        boolean savp = m.protocol().equals(SAVP);
        if (!savp && !m.protocol().equals(AVP)) {
            return new Negotiation.Failed(SdpFailure.notAcceptable("answer uses unsupported transport " + m.protocol()));
        }
        Optional<SrtpKeys> keys = Optional.empty();
        for (String value : m.attributeValues(CryptoAttribute.NAME)) {
            ParseResult<Optional<CryptoAttribute>> c = CryptoAttribute.parse(value);
            if (c instanceof ParseResult.Malformed<Optional<CryptoAttribute>> bad) {
                return new Negotiation.Failed(SdpFailure.malformed(bad.reason()));
            }
            Optional<CryptoAttribute> theirs = c.orNull();
            if (theirs.isEmpty()) {
                continue;
            }
            keys = theirs.get().keysAgainst(offer.offeredCrypto());
            if (keys.isPresent()) {
                break;
            }
        }
        if (keys.isEmpty() && (savp || policy.encryption() == Encryption.SRTP_ONLY)) {
            return new Negotiation.Failed(SdpFailure.srtpRequired());
        }
        List<AudioFormats.Offered> codecs = AudioFormats.codecs(m);
        if (codecs.isEmpty()) {
            return new Negotiation.Failed(SdpFailure.notAcceptable("answer has none of our codecs"));
        }
        AudioFormats.Offered chosen = codecs.get(0);
        MediaDirection direction = remoteDirection(answer, m).reversed().intersect(offer.local().direction());
        VideoOutcome video = VideoOfferAnswer.accept(offer, answer, policy);
        return new Negotiation.Agreed(null, new NegotiatedMedia(answer.connectionAddressOf(m), m.port(), chosen.codec(),
            chosen.payloadType(), AudioFormats.telephoneEvent(m), direction, keys), video);
    }

    private record AudioAnswer(MediaDescription section, NegotiatedMedia media, SdpFailure failure) {
        static AudioAnswer failed(SdpFailure f) {
            return new AudioAnswer(null, null, f);
        }
    }

    private AudioAnswer answerAudio(SessionDescription offer, MediaDescription m, LocalEndpoint local) {
        boolean savp = m.protocol().equals(SAVP);
        if (!savp && !m.protocol().equals(AVP)) {
            return AudioAnswer.failed(SdpFailure.notAcceptable("unsupported transport " + m.protocol()));
        }
        CryptoAttribute theirs = null;
        for (String value : m.attributeValues(CryptoAttribute.NAME)) {
            ParseResult<Optional<CryptoAttribute>> c = CryptoAttribute.parse(value);
            if (c instanceof ParseResult.Malformed<Optional<CryptoAttribute>> bad) {
                return AudioAnswer.failed(SdpFailure.malformed(bad.reason()));
            }
            if (c.orNull().isPresent()) {
                theirs = c.orNull().get(); // the offerer lists its preference first (RFC 4568 §7.1.1)
                break;
            }
        }
        if (theirs == null && (savp || policy.encryption() == Encryption.SRTP_ONLY)) {
            return AudioAnswer.failed(SdpFailure.srtpRequired());
        }
        List<AudioFormats.Offered> codecs = AudioFormats.codecs(m);
        if (codecs.isEmpty()) {
            return AudioAnswer.failed(SdpFailure.notAcceptable("offer has none of G722, PCMU, PCMA"));
        }
        AudioFormats.Offered chosen = codecs.stream().filter(o -> o.codec() == Codec.G722).findFirst()
            .orElse(codecs.get(0));
        int dtmfPt = AudioFormats.telephoneEvent(m);
        MediaDirection direction = remoteDirection(offer, m).reversed().intersect(local.direction());

        List<String> formats = new ArrayList<>();
        List<SdpAttribute> attributes = new ArrayList<>();
        formats.add(Integer.toString(chosen.payloadType()));
        attributes.add(SdpAttribute.of("rtpmap", chosen.payloadType() + " " + chosen.codec().rtpmapEncoding()));
        if (dtmfPt >= 0) {
            formats.add(Integer.toString(dtmfPt));
            attributes.addAll(telephoneEventAttributes(dtmfPt));
        }
        attributes.add(SdpAttribute.of("ptime", Integer.toString(Codec.PTIME_MS)));
        Optional<SrtpKeys> keys = answerCrypto(theirs, keySource, attributes);
        attributes.add(SdpAttribute.property(direction.attribute()));
        MediaDescription section = new MediaDescription("audio", local.audioPort(), m.protocol(), formats, null,
            attributes);
        NegotiatedMedia media = new NegotiatedMedia(offer.connectionAddressOf(m), m.port(), chosen.codec(),
            chosen.payloadType(), dtmfPt, direction, keys);
        return new AudioAnswer(section, media, null);
    }

    /**
     * Our crypto line answering the one of theirs we accepted (RFC 4568 §7.1.3: same tag and
     * suite, a key of our own), added to an m-line's {@code attributes}; the keys the stream then
     * uses. Empty, and nothing added, when we accepted none ({@code theirs} null). Audio and video
     * answer this one way.
     */
    static Optional<SrtpKeys> answerCrypto(CryptoAttribute theirs, Function<CryptoSuite, SrtpMasterKey> keySource,
            List<SdpAttribute> attributes) {
        if (theirs == null) {
            return Optional.empty();
        }
        CryptoAttribute ours = new CryptoAttribute(theirs.tag(), theirs.suite(), keySource.apply(theirs.suite()));
        attributes.add(ours.toAttribute());
        return Optional.of(new SrtpKeys(theirs.suite(), ours.key(), theirs.key()));
    }

    /**
     * The direction the peer declared for {@code m}: media level, else session level (RFC 4566
     * §6), and a c=0.0.0.0 hold (RFC 3264 §8.4, older RFC 2543 style) means "do not send to me".
     */
    static MediaDirection remoteDirection(SessionDescription sd, MediaDescription m) {
        List<SdpAttribute> all = new ArrayList<>(m.attributes());
        all.addAll(sd.attributes());
        MediaDirection d = MediaDirection.from(all);
        if ("0.0.0.0".equals(sd.connectionAddressOf(m))) {
            d = d.intersect(MediaDirection.SENDONLY);
        }
        return d;
    }

    private static List<SdpAttribute> telephoneEventAttributes(int pt) {
        return List.of(SdpAttribute.of("rtpmap", pt + " " + AudioFormats.TELEPHONE_EVENT + "/8000"),
            SdpAttribute.of("fmtp", pt + " 0-15"));
    }

    private static SessionDescription session(LocalEndpoint local, long sessionId, long version,
                                              List<MediaDescription> media) {
        return new SessionDescription("rock-intercom", Long.toString(sessionId), version, local.address(),
            "Rock Intercom", local.address(), List.of(), media);
    }
}
