package rock.intercom.demo;

import java.util.List;
import java.util.Optional;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.sdp.MediaDescription;
import rock.intercom.media.sdp.SdpAttribute;
import rock.intercom.media.sdp.SessionDescription;

/**
 * SDP for calls the guard desk places to a device: the offer (G.711 µ-law and A-law plus
 * telephone-event, RFC 3264 §5) and reading the device's answer (RFC 3264 §6). Pure and stateless.
 */
public final class OutgoingCallMedia {
    static final int TELEPHONE_EVENT = 101;

    private OutgoingCallMedia() {
    }

    /** The guard desk's offer: one plain RTP audio stream from {@code localAddress:rtpPort}. */
    public static String offer(String localAddress, int rtpPort, long sessionId) {
        return offer(localAddress, rtpPort, sessionId, Optional.empty());
    }

    /** The same with a video section after the audio ({@link GuardDeskVideoOffer}), when there is one. */
    public static String offer(String localAddress, int rtpPort, long sessionId, Optional<MediaDescription> video) {
        MediaDescription audio = new MediaDescription("audio", rtpPort, "RTP/AVP",
            List.of("0", "8", Integer.toString(TELEPHONE_EVENT)), null, List.of(
                SdpAttribute.of("rtpmap", "0 PCMU/8000"),
                SdpAttribute.of("rtpmap", "8 PCMA/8000"),
                SdpAttribute.of("rtpmap", TELEPHONE_EVENT + " telephone-event/8000"),
                SdpAttribute.of("fmtp", TELEPHONE_EVENT + " 0-15"),
                SdpAttribute.of("ptime", Integer.toString(Codec.PTIME_MS)),
                SdpAttribute.property("sendrecv")));
        List<MediaDescription> media = video.isPresent() ? List.of(audio, video.get()) : List.of(audio);
        return new SessionDescription("-", Long.toString(sessionId), 1, localAddress, "Rock demo PBX guard desk",
            localAddress, List.of(), media).toSdp();
    }

    /** Where the tone goes per the device's answer; empty when it accepted no G.711 audio. */
    public static Optional<ToneTarget> readAnswer(SessionDescription answer) {
        for (MediaDescription m : answer.media()) {
            if (!m.media().equals("audio") || m.port() == 0 || !m.protocol().startsWith("RTP/AVP")) {
                continue;
            }
            for (String format : m.formats()) {
                Optional<Codec> codec = format.equals("0") ? Optional.of(Codec.PCMU)
                    : format.equals("8") ? Optional.of(Codec.PCMA) : Optional.empty();
                if (codec.isPresent()) {
                    String host = answer.connectionAddressOf(m);
                    boolean deviceReceives = !(m.hasProperty("sendonly") || m.hasProperty("inactive")
                        || answer.attributes().stream().anyMatch(a -> a.name().equals("sendonly")
                        || a.name().equals("inactive")));
                    return Optional.of(new ToneTarget(codec.get(), host, m.port(),
                        deviceReceives && !"0.0.0.0".equals(host)));
                }
            }
        }
        return Optional.empty();
    }
}
