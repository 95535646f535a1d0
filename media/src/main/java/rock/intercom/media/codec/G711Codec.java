package rock.intercom.media.codec;

/**
 * G.711 (RFC 3551 §4.5.14): µ-law as PCMU (payload type 0) or A-law as PCMA (8), one byte per
 * sample and stateless. The two differ only in the companding law ({@link G711}).
 */
public final class G711Codec implements AudioCodec {

    private final Codec codec;

    /** A PCMU or PCMA codec; {@link Codec#newInstance} is the usual way to get one. */
    public G711Codec(Codec codec) {
        if (codec != Codec.PCMU && codec != Codec.PCMA) {
            throw new IllegalArgumentException(codec + " is not G.711");
        }
        this.codec = codec;
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        boolean ulaw = codec == Codec.PCMU;
        for (int i = 0; i < pcm.length; i++) {
            out[offset + i] = ulaw ? G711.linearToUlaw(pcm[i]) : G711.linearToAlaw(pcm[i]);
        }
        return pcm.length;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        boolean ulaw = codec == Codec.PCMU;
        int n = Math.min(length, pcm.length);
        for (int i = 0; i < n; i++) {
            pcm[i] = ulaw ? G711.ulawToLinear(payload[offset + i]) : G711.alawToLinear(payload[offset + i]);
        }
        return n;
    }
}
