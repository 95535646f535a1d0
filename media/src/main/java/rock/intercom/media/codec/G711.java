package rock.intercom.media.codec;

/**
 * ITU-T G.711 companding, µ-law (PCMU) and A-law (PCMA), sample by sample.
 *
 * <p>The segment/quantisation arithmetic is the one of the ITU-T G.711 tables (as in the
 * public-domain Sun Microsystems reference {@code g711.c}): A-law works on 13-bit magnitudes with
 * even bits inverted (XOR 0x55), µ-law on 14-bit magnitudes with a bias of 33 and all bits
 * inverted. Stateless and thread-safe.
 */
public final class G711 {
    private static final int ULAW_BIAS = 0x84; // 33 << 2 on a 16-bit sample
    private static final int ULAW_CLIP = 32635;
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = computeUlawToLinear(code);
            ALAW_TO_LINEAR[code] = computeAlawToLinear(code);
        }
    }

    private G711() {
    }

    /** Encodes one 16-bit linear sample to a µ-law code (G.711 Table 2a). */
    public static byte linearToUlaw(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > ULAW_CLIP) {
            sample = ULAW_CLIP;
        }
        sample += ULAW_BIAS;
        int exponent = segment(sample >> 7);
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Decodes one µ-law code to a 16-bit linear sample. */
    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** Encodes one 16-bit linear sample to an A-law code (G.711 Table 1a). */
    public static byte linearToAlaw(short pcm) {
        int sample = pcm >> 3; // A-law quantises 13-bit samples
        int mask;
        if (sample >= 0) {
            mask = 0xD5; // sign bit set for positive values, even bits inverted
        } else {
            mask = 0x55;
            sample = -sample - 1;
        }
        int seg = segment13(sample);
        int code;
        if (seg >= 8) {
            code = 0x7F;
        } else {
            code = seg << 4;
            code |= seg < 2 ? (sample >> 1) & 0x0F : (sample >> seg) & 0x0F;
        }
        return (byte) (code ^ mask);
    }

    /** Decodes one A-law code to a 16-bit linear sample. */
    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    private static int segment(int value) {
        int exponent = 0;
        while (value > 1 && exponent < 7) {
            value >>= 1;
            exponent++;
        }
        return exponent;
    }

    /** A-law segment of a 13-bit magnitude; 8 means overflow of the top segment. */
    private static int segment13(int magnitude) {
        int[] segmentEnds = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
        for (int seg = 0; seg < segmentEnds.length; seg++) {
            if (magnitude <= segmentEnds[seg]) {
                return seg;
            }
        }
        return 8;
    }

    private static short computeUlawToLinear(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
    }

    private static short computeAlawToLinear(int code) {
        int a = (code & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
