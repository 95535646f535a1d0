package rock.intercom.demo;

import rock.intercom.media.codec.Codec;

/**
 * Where and how the guard desk's tone goes, as agreed in SDP.
 *
 * @param codec the G.711 variant
 * @param host  the peer's RTP address (its c= address)
 * @param port  the peer's RTP port
 * @param send  false when the peer does not want to receive (sendonly/inactive, or on hold)
 */
public record ToneTarget(Codec codec, String host, int port, boolean send) {
}
