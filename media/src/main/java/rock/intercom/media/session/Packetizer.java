package rock.intercom.media.session;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import rock.intercom.media.codec.AudioCodec;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.media.rtp.SequenceNumbers;
import rock.intercom.media.srtp.SrtpContext;

/**
 * The per-packet send path: encode a PCM frame, wrap it in RTP (RFC 3550 §5.1) with the next
 * sequence number, protect it with SRTP when the call is encrypted. Random SSRC and initial
 * sequence number (§5.1). Used by the sender thread only (and the JMH benchmark); not thread-safe.
 */
public final class Packetizer {
    private final AudioCodec encoder;
    private final int payloadType;
    private final SrtpContext srtp;
    private final int ssrc;
    private final byte[] payload;
    private final byte[] wire;
    private int sequence;
    private int lastPayloadLength;

    /**
     * @param srtp the sending context, or {@code null} for plain RTP
     */
    public Packetizer(AudioCodec encoder, int payloadType, SrtpContext srtp) {
        this(encoder, payloadType, srtp, ThreadLocalRandom.current().nextInt(),
            ThreadLocalRandom.current().nextInt(0x10000));
    }

    Packetizer(AudioCodec encoder, int payloadType, SrtpContext srtp, int ssrc, int firstSequence) {
        this.encoder = Objects.requireNonNull(encoder);
        this.payloadType = payloadType;
        this.srtp = srtp;
        this.ssrc = ssrc;
        this.sequence = firstSequence;
        this.payload = new byte[encoder.codec().frameSamples() * 2];
        this.wire = new byte[RtpPacket.FIXED_HEADER + payload.length];
    }

    public int ssrc() {
        return ssrc;
    }

    /** Encodes and packetizes one audio frame; returns the bytes to send. */
    public byte[] audio(short[] frame, long timestamp, boolean marker) {
        int n = encoder.encode(frame, payload, 0);
        lastPayloadLength = n;
        return seal(RtpPacket.of(marker, payloadType, nextSequence(), timestamp, ssrc,
            java.util.Arrays.copyOf(payload, n)));
    }

    /** Payload bytes of the last audio packet (for the RTCP SR octet count, RFC 3550 §6.4.1). */
    public int lastPayloadLength() {
        return lastPayloadLength;
    }

    /** Packetizes a non-audio payload (RFC 4733 telephone-event) on the same stream. */
    public byte[] event(int eventPayloadType, byte[] eventPayload, long timestamp, boolean marker) {
        return seal(RtpPacket.of(marker, eventPayloadType, nextSequence(), timestamp, ssrc, eventPayload));
    }

    private byte[] seal(RtpPacket packet) {
        int length = packet.write(wire, 0);
        return srtp == null ? java.util.Arrays.copyOf(wire, length) : srtp.protectRtp(wire, 0, length);
    }

    private int nextSequence() {
        int s = sequence;
        sequence = SequenceNumbers.next(sequence);
        return s;
    }
}
