package rock.intercom.media.codec;

/** G.711 µ-law (PCMU, payload type 0), stateless. */
public final class PcmuCodec implements AudioCodec {
    @Override
    public Codec codec() {
        return Codec.PCMU;
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        for (int i = 0; i < pcm.length; i++) {
            out[offset + i] = G711.linearToUlaw(pcm[i]);
        }
        return pcm.length;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        int n = Math.min(length, pcm.length);
        for (int i = 0; i < n; i++) {
            pcm[i] = G711.ulawToLinear(payload[offset + i]);
        }
        return n;
    }
}
