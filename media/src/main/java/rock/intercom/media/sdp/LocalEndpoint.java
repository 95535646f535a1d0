package rock.intercom.media.sdp;

import java.util.Objects;

/**
 * This device's side of a media negotiation.
 *
 * @param address   IP literal written into o= and c=
 * @param audioPort local RTP port (RTCP on port + 1, RFC 3550 §11)
 * @param direction what this side wants (SENDRECV normally; SENDONLY/INACTIVE to hold)
 * @param videoPort local video port, or 0 while there is no video engine (video is then refused)
 */
public record LocalEndpoint(String address, int audioPort, MediaDirection direction, int videoPort) {
    public LocalEndpoint {
        Objects.requireNonNull(address);
        Objects.requireNonNull(direction);
        if (audioPort <= 0 || audioPort > 65534) {
            throw new IllegalArgumentException("audio port out of range: " + audioPort);
        }
    }

    public static LocalEndpoint audio(String address, int audioPort) {
        return new LocalEndpoint(address, audioPort, MediaDirection.SENDRECV, 0);
    }
}
