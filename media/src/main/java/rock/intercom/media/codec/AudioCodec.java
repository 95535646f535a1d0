package rock.intercom.media.codec;

/**
 * An audio codec working on whole 20 ms frames of 16-bit PCM.
 *
 * <p>Implementations may keep state between frames (G.722 does); a codec instance belongs to one
 * direction of one call and is used by one thread at a time.
 */
public interface AudioCodec {
    /** The codec's identity as negotiated in SDP. */
    Codec codec();

    /** Encodes {@code pcm.length} samples into {@code out} starting at {@code offset}; returns bytes written. */
    int encode(short[] pcm, byte[] out, int offset);

    /** Decodes {@code length} payload bytes into {@code pcm}; returns samples written. */
    int decode(byte[] payload, int offset, int length, short[] pcm);
}
