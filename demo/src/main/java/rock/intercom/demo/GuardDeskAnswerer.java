package rock.intercom.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.sdp.MediaDescription;
import rock.intercom.media.sdp.SdpAttribute;
import rock.intercom.media.sdp.SessionDescription;

/**
 * The guard desk's side of the offer/answer model (RFC 3264 §6): take the first plain RTP audio
 * stream that offers G.711 (PCMU preferred, else PCMA), keep telephone-event (RFC 4733) if offered,
 * mirror the direction, take the video stream it is given an answer for ({@link GuardDeskVideo}),
 * and reject every other stream with port 0. The demo PBX cannot do SRTP, so
 * an offer with only RTP/SAVP audio is refused with 488. Pure and stateless.
 */
public final class GuardDeskAnswerer {
    static final int NOT_ACCEPTABLE_HERE = 488;
    private static final List<String> DIRECTIONS = List.of("sendrecv", "sendonly", "recvonly", "inactive");

    private GuardDeskAnswerer() {
    }

    /**
     * @param localAddress the address RTP is sent from (the answer's c= and o= address)
     * @param localRtpPort the port the tone is sent from
     * @param sessionId    the o= session id of the answer
     * @param version      the o= session version, increased for every new answer in a dialog (RFC 3264 §8)
     */
    public static AnswerDecision answer(SessionDescription offer, String localAddress, int localRtpPort,
                                        long sessionId, long version) {
        return answer(offer, localAddress, localRtpPort, sessionId, version, Optional.empty());
    }

    /**
     * As above, with {@code video} the desk's answer to the offer's first video section
     * ({@link GuardDeskVideo#offeredVideo}); without one that section is refused like any other.
     */
    public static AnswerDecision answer(SessionDescription offer, String localAddress, int localRtpPort,
                                        long sessionId, long version, Optional<MediaDescription> video) {
        MediaDescription chosen = null;
        Codec codec = null;
        boolean secureOnly = false;
        for (MediaDescription m : offer.media()) {
            if (!m.media().equals("audio") || m.port() == 0) {
                continue;
            }
            if (m.protocol().startsWith("RTP/SAVP")) {
                secureOnly = true;
                continue;
            }
            if (!m.protocol().startsWith("RTP/AVP")) {
                continue;
            }
            Optional<Codec> g711 = g711Of(m);
            if (g711.isPresent()) {
                chosen = m;
                codec = g711.get();
                break;
            }
        }
        if (chosen == null) {
            return new AnswerDecision.Refused(NOT_ACCEPTABLE_HERE, secureOnly
                ? "Demo PBX has no SRTP, offer plain RTP/AVP" : "No G.711 audio offered");
        }
        String offeredDirection = direction(offer, chosen);
        String answerDirection = switch (offeredDirection) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
        String remoteHost = offer.connectionAddressOf(chosen);
        boolean sendTone = (answerDirection.equals("sendrecv") || answerDirection.equals("sendonly"))
            && !remoteHost.equals("0.0.0.0");

        List<String> formats = new ArrayList<>(List.of(Integer.toString(codec.payloadType())));
        List<SdpAttribute> attributes = new ArrayList<>();
        attributes.add(SdpAttribute.of("rtpmap", codec.payloadType() + " " + codec.encodingName() + "/8000"));
        Optional<String> telephoneEvent = telephoneEventType(chosen);
        telephoneEvent.ifPresent(pt -> {
            formats.add(pt);
            attributes.add(SdpAttribute.of("rtpmap", pt + " telephone-event/8000"));
            attributes.add(SdpAttribute.of("fmtp", pt + " 0-15"));
        });
        attributes.add(SdpAttribute.of("ptime", Integer.toString(Codec.PTIME_MS)));
        attributes.add(SdpAttribute.property(answerDirection));

        MediaDescription offeredVideo = GuardDeskVideo.offeredVideo(offer).orElse(null);
        List<MediaDescription> answerMedia = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (m == chosen) {
                answerMedia.add(new MediaDescription("audio", localRtpPort, chosen.protocol(), formats, null, attributes));
            } else {
                answerMedia.add(m == offeredVideo && video.isPresent() ? video.get() : m.rejected());
            }
        }
        SessionDescription answer = new SessionDescription("-", Long.toString(sessionId), version, localAddress,
            "Rock demo PBX guard desk", localAddress, List.of(), answerMedia);
        return new AnswerDecision.Accepted(answer.toSdp(), new ToneTarget(codec, remoteHost, chosen.port(), sendTone));
    }

    private static Optional<Codec> g711Of(MediaDescription m) {
        if (m.formats().contains("0")) {
            return Optional.of(Codec.PCMU);
        }
        if (m.formats().contains("8")) {
            return Optional.of(Codec.PCMA);
        }
        return Optional.empty();
    }

    private static Optional<String> telephoneEventType(MediaDescription m) {
        for (String rtpmap : m.attributeValues("rtpmap")) {
            String[] f = rtpmap.trim().split(" +", 2);
            if (f.length == 2 && f[1].toLowerCase().startsWith("telephone-event/8000") && m.formats().contains(f[0])) {
                return Optional.of(f[0]);
            }
        }
        return Optional.empty();
    }

    /** The stream's direction attribute, else the session's, else sendrecv (RFC 3264 §5.1). */
    private static String direction(SessionDescription offer, MediaDescription m) {
        for (String d : DIRECTIONS) {
            if (m.hasProperty(d)) {
                return d;
            }
        }
        for (String d : DIRECTIONS) {
            if (offer.attributes().stream().anyMatch(a -> a.name().equalsIgnoreCase(d))) {
                return d;
            }
        }
        return "sendrecv";
    }
}
