package rock.intercom.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import rock.intercom.media.ParseResult;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpKeys;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.Encryption;

/**
 * The video m-line of {@link OfferAnswer}: H.264 (RFC 6184) in packetization-mode 1 only (single
 * NAL, STAP-A, FU-A: what {@code rtph264pay} sends), constrained baseline offered
 * ({@code profile-level-id=42e01f}: level 3.1 holds 640×480 at 30 fps and 1280×720 at 30),
 * {@code b=AS} both ways (RFC 4566 §5.8), and RTCP feedback {@code nack pli} and {@code ccm fir}
 * (RFC 4585 §4.2, RFC 5104 §7.1), which the encoder answers with a key frame. SRTP follows the same
 * Encryption rules as audio, with keys of its own (RFC 4568 §6: keys per media line). A video
 * stream we cannot take is answered with port 0 and leaves the audio call intact (RFC 3264 §6).
 * Stateless; thread-safe. Public for a peer that answers video alone (the demo's guard desk).
 */
public final class VideoOfferAnswer {
    /** The payload type of our H.264 offer (dynamic range, RFC 3551 §3; audio uses 0, 8, 9 and 101). */
    public static final int H264_PT = 96;
    /** Constrained baseline (profile_idc 66, constraint_set1), level 3.1. */
    public static final String PROFILE_LEVEL_ID = "42e01f";
    /** What we ask for and send at most: enough for 640×480 at 15 fps from x264's zero-latency preset. */
    public static final int DEFAULT_KBPS = 512;
    /** The encoder's share of b=AS: the rest is RTP/UDP/IP overhead (RFC 4566 §5.8 counts it). */
    private static final int PAYLOAD_SHARE_PERCENT = 85;

    private VideoOfferAnswer() {
    }

    /** Our video section, with our crypto lines when {@code crypto} is not empty. */
    public static MediaDescription offer(LocalEndpoint local, String protocol, List<CryptoAttribute> crypto) {
        List<SdpAttribute> attributes = new ArrayList<>(h264Attributes(H264_PT, PROFILE_LEVEL_ID));
        crypto.forEach(c -> attributes.add(c.toAttribute()));
        attributes.add(SdpAttribute.property(local.direction().attribute()));
        return new MediaDescription("video", local.videoPort(), protocol, List.of(Integer.toString(H264_PT)), null,
                attributes, List.of("AS:" + DEFAULT_KBPS));
    }

    /** Our answer to the peer's video section {@code m}: a section (port 0 when refused) and the outcome. */
    public record Answer(MediaDescription section, VideoOutcome outcome) {
    }

    public static Answer answer(SessionDescription offer, MediaDescription m, LocalEndpoint local, MediaPolicy policy,
                         Function<CryptoSuite, SrtpMasterKey> keySource) {
        if (!policy.videoAllowed()) {
            return new Answer(m.rejected(), VideoOutcome.OFF);
        }
        if (local.videoPort() <= 0) {
            return new Answer(m.rejected(), VideoOutcome.UNAVAILABLE);
        }
        boolean savp = m.protocol().equals(OfferAnswer.SAVP);
        if (!savp && !m.protocol().equals(OfferAnswer.AVP)) {
            return new Answer(m.rejected(), new VideoOutcome.None("unsupported transport " + m.protocol()));
        }
        Optional<H264Format> format = H264Format.firstUsable(m);
        if (format.isEmpty()) {
            return new Answer(m.rejected(), new VideoOutcome.None("no H.264 packetization-mode 1"));
        }
        CryptoAttribute theirs = null;
        for (String value : m.attributeValues(CryptoAttribute.NAME)) {
            ParseResult<Optional<CryptoAttribute>> c = CryptoAttribute.parse(value);
            if (c instanceof ParseResult.Parsed<Optional<CryptoAttribute>> ok && ok.value().isPresent()) {
                theirs = ok.value().get();
                break;
            }
        }
        if (theirs == null && (savp || policy.encryption() == Encryption.SRTP_ONLY)) {
            return new Answer(m.rejected(), new VideoOutcome.None("no usable SRTP key for video"));
        }
        H264Format chosen = format.get();
        MediaDirection direction = OfferAnswer.remoteDirection(offer, m).reversed().intersect(local.direction());
        List<SdpAttribute> attributes = new ArrayList<>(h264Attributes(chosen.payloadType(),
                chosen.profileLevelId().orElse(PROFILE_LEVEL_ID)));
        Optional<SrtpKeys> keys = OfferAnswer.answerCrypto(theirs, keySource, attributes);
        attributes.add(SdpAttribute.property(direction.attribute()));
        MediaDescription section = new MediaDescription("video", local.videoPort(), m.protocol(),
                List.of(Integer.toString(chosen.payloadType())), null, attributes, List.of("AS:" + DEFAULT_KBPS));
        NegotiatedVideo video = new NegotiatedVideo(offer.connectionAddressOf(m), m.port(), chosen.payloadType(),
                chosen.profileLevelId().orElse(PROFILE_LEVEL_ID), sendKbps(m), direction, keys);
        return new Answer(section, new VideoOutcome.Agreed(video));
    }

    /** What the peer's answer made of our video offer (RFC 3264 §7); never fails the audio. */
    static VideoOutcome accept(LocalOffer offer, SessionDescription answer, MediaPolicy policy) {
        if (!policy.videoAllowed()) {
            return VideoOutcome.OFF;
        }
        int index = videoIndex(offer.sdp());
        if (index < 0) {
            return VideoOutcome.UNAVAILABLE;
        }
        if (answer.media().size() <= index || !answer.media().get(index).media().equals("video")
                || answer.media().get(index).port() == 0) {
            return VideoOutcome.REFUSED;
        }
        MediaDescription m = answer.media().get(index);
        boolean savp = m.protocol().equals(OfferAnswer.SAVP);
        Optional<H264Format> format = H264Format.firstUsable(m).filter(f -> f.payloadType() == H264_PT);
        if (format.isEmpty()) {
            return new VideoOutcome.None("answer has no H.264 packetization-mode 1 on payload type " + H264_PT);
        }
        Optional<SrtpKeys> keys = Optional.empty();
        for (String value : m.attributeValues(CryptoAttribute.NAME)) {
            Optional<CryptoAttribute> parsed = CryptoAttribute.parse(value).orNull();
            Optional<CryptoAttribute> theirs = parsed == null ? Optional.empty() : parsed;
            if (theirs.isEmpty()) {
                continue;
            }
            keys = theirs.get().keysAgainst(offer.videoCrypto());
            if (keys.isPresent()) {
                break;
            }
        }
        if (keys.isEmpty() && (savp || offer.sdp().media().get(index).protocol().equals(OfferAnswer.SAVP))) {
            return new VideoOutcome.None("no usable SRTP key for video");
        }
        MediaDirection direction = OfferAnswer.remoteDirection(answer, m).reversed()
                .intersect(offer.local().direction());
        return new VideoOutcome.Agreed(new NegotiatedVideo(answer.connectionAddressOf(m), m.port(), H264_PT,
                format.get().profileLevelId().orElse(PROFILE_LEVEL_ID), sendKbps(m), direction, keys));
    }

    private static int videoIndex(SessionDescription sd) {
        for (int i = 0; i < sd.media().size(); i++) {
            if (sd.media().get(i).media().equals("video")) {
                return i;
            }
        }
        return -1;
    }

    /** Our encoder's bit rate: our default, or less when the peer's b=AS asks for less. */
    private static int sendKbps(MediaDescription peer) {
        int as = peer.applicationSpecificKbps();
        int budget = as > 0 ? Math.min(as, DEFAULT_KBPS) : DEFAULT_KBPS;
        return Math.max(32, budget * PAYLOAD_SHARE_PERCENT / 100);
    }

    private static List<SdpAttribute> h264Attributes(int pt, String profileLevelId) {
        return List.of(SdpAttribute.of("rtpmap", pt + " H264/90000"),
                SdpAttribute.of("fmtp", pt + " profile-level-id=" + profileLevelId + ";packetization-mode=1"),
                SdpAttribute.of("rtcp-fb", "* nack"), // RFC 4585 §4.2: generic NACK, answered from the send history
                SdpAttribute.of("rtcp-fb", "* nack pli"),
                SdpAttribute.of("rtcp-fb", "* ccm fir"));
    }

    /** An H.264 format of a media section with its fmtp parameters (RFC 6184 §8.1). */
    record H264Format(int payloadType, int packetizationMode, Optional<String> profileLevelId) {

        /** The first H.264/90000 format in packetization-mode 1, in the section's order of preference. */
        static Optional<H264Format> firstUsable(MediaDescription m) {
            for (String f : m.formats()) {
                int pt;
                try {
                    pt = Integer.parseInt(f);
                } catch (NumberFormatException e) {
                    continue;
                }
                String prefix = pt + " ";
                boolean h264 = m.attributeValues("rtpmap").stream().filter(v -> v.startsWith(prefix))
                        .anyMatch(v -> v.substring(prefix.length()).trim().toUpperCase(Locale.ROOT)
                                .startsWith("H264/90000"));
                if (!h264) {
                    continue;
                }
                H264Format format = parse(pt, m.attributeValues("fmtp").stream().filter(v -> v.startsWith(prefix))
                        .map(v -> v.substring(prefix.length())).findFirst().orElse(""));
                if (format.packetizationMode() == 1) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }

        /** Parses {@code key=value;key=value}; RFC 6184 §8.1: packetization-mode defaults to 0. */
        static H264Format parse(int pt, String fmtp) {
            int mode = 0;
            String profile = null;
            for (String part : fmtp.split(";")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim();
                if (key.equals("packetization-mode")) {
                    mode = value.equals("1") ? 1 : value.equals("0") ? 0 : -1;
                } else if (key.equals("profile-level-id") && value.matches("[0-9A-Fa-f]{6}")) {
                    profile = value.toLowerCase(Locale.ROOT);
                }
            }
            return new H264Format(pt, mode, Optional.ofNullable(profile));
        }
    }
}
