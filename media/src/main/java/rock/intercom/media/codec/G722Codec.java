package rock.intercom.media.codec;

/**
 * ITU-T G.722 at 64 kbit/s (mode 1): 16 kHz PCM through the 24-tap QMF into a 6-bit low band
 * and a 2-bit high band ADPCM, one byte per two samples. Port of the public-domain
 * implementation by Steve Underwood (spandsp, after CMU 1993); checked bit for bit against
 * libspandsp, the G.722 baresip uses. Keeps encoder and decoder state: one instance per call
 * direction pair, used by one thread per direction (encode by the sender, decode by playout).
 */
public final class G722Codec implements AudioCodec {
    private final G722Band[] encBand = {new G722Band(32), new G722Band(8)};
    private final G722Band[] decBand = {new G722Band(32), new G722Band(8)};
    private final int[] encX = new int[24];
    private final int[] decX = new int[24];

    @Override
    public Codec codec() {
        return Codec.G722;
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        int bytes = 0;
        for (int j = 0; j + 1 < pcm.length; j += 2) {
            // Transmit QMF: shift in two samples, keep every other output.
            System.arraycopy(encX, 2, encX, 0, 22);
            encX[22] = pcm[j];
            encX[23] = pcm[j + 1];
            int sumEven = 0;
            int sumOdd = 0;
            for (int i = 0; i < 12; i++) {
                sumOdd += encX[2 * i] * G722Tables.QMF[i];
                sumEven += encX[2 * i + 1] * G722Tables.QMF[11 - i];
            }
            // >> 14: QMF DC gain 4096, two filters summed, 15-bit input to the ADPCM.
            int xlow = (sumEven + sumOdd) >> 14;
            int xhigh = (sumEven - sumOdd) >> 14;
            out[offset + bytes++] = (byte) ((encodeHigh(xhigh) << 6) | encodeLow(xlow));
        }
        return bytes;
    }

    private int encodeLow(int xlow) {
        G722Band band = encBand[0];
        // Block 1L SUBTRA, QUANTL
        int el = G722Band.saturate(xlow - band.s);
        int wd = el >= 0 ? el : -(el + 1);
        int i;
        for (i = 1; i < 30; i++) {
            int wd1 = (G722Tables.Q6[i] * band.det) >> 12;
            if (wd < wd1) {
                break;
            }
        }
        int ilow = el < 0 ? G722Tables.ILN[i] : G722Tables.ILP[i];
        adaptLow(band, ilow >> 2);
        return ilow;
    }

    private int encodeHigh(int xhigh) {
        G722Band band = encBand[1];
        // Block 1H SUBTRA, QUANTH
        int eh = G722Band.saturate(xhigh - band.s);
        int wd = eh >= 0 ? eh : -(eh + 1);
        int wd1 = (564 * band.det) >> 12;
        int mih = wd >= wd1 ? 2 : 1;
        int ihigh = eh < 0 ? G722Tables.IHN[mih] : G722Tables.IHP[mih];
        adaptHigh(band, ihigh);
        return ihigh;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        int out = 0;
        for (int j = 0; j < length && out + 1 < pcm.length; j++) {
            int code = payload[offset + j] & 0xFF;
            int rlow = decodeLow(code & 0x3F);
            int rhigh = decodeHigh((code >> 6) & 0x03);
            // Receive QMF
            System.arraycopy(decX, 2, decX, 0, 22);
            decX[22] = rlow + rhigh;
            decX[23] = rlow - rhigh;
            int xout1 = 0;
            int xout2 = 0;
            for (int i = 0; i < 12; i++) {
                xout2 += decX[2 * i] * G722Tables.QMF[i];
                xout1 += decX[2 * i + 1] * G722Tables.QMF[11 - i];
            }
            pcm[out++] = (short) G722Band.saturate(xout1 >> 11);
            pcm[out++] = (short) G722Band.saturate(xout2 >> 11);
        }
        return out;
    }

    private int decodeLow(int code6) {
        G722Band band = decBand[0];
        // Block 5L INVQBL, RECONS, 6L LIMIT
        int rlow = band.s + ((band.det * G722Tables.QM6[code6]) >> 15);
        rlow = Math.max(-16384, Math.min(16383, rlow));
        adaptLow(band, code6 >> 2);
        return rlow;
    }

    private int decodeHigh(int ihigh) {
        G722Band band = decBand[1];
        // Block 5H RECONS, 6H LIMIT: on the prediction from before this code adapts the band.
        int predicted = band.s;
        int dhigh = adaptHigh(band, ihigh);
        return Math.max(-16384, Math.min(16383, dhigh + predicted));
    }

    /**
     * Blocks 2L INVQAL, 3L LOGSCL/SCALEL and 4L, the same in encoder and decoder: the low band
     * adapts to the top four bits of its code.
     */
    private static void adaptLow(G722Band band, int code4) {
        int dlow = (band.det * G722Tables.QM4[code4]) >> 15;
        band.adaptScale(G722Tables.WL[G722Tables.RL42[code4]], 18432, 8);
        band.block4(dlow);
    }

    /** Blocks 2H INVQAH, 3H LOGSCH/SCALEH and 4H, the same in encoder and decoder; the quantized difference. */
    private static int adaptHigh(G722Band band, int ihigh) {
        int dhigh = (band.det * G722Tables.QM2[ihigh]) >> 15;
        band.adaptScale(G722Tables.WH[G722Tables.RH2[ihigh]], 22528, 10);
        band.block4(dhigh);
        return dhigh;
    }
}
