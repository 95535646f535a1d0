package rock.intercom.media.codec;

/**
 * State of one G.722 sub-band ADPCM coder (ITU-T G.722 §3 and §4: blocks 3 and 4, the adaptive
 * predictor shared by encoder and decoder). Port of the public-domain implementation by Steve
 * Underwood (after the CMU 1993 code), as found in spandsp and Asterisk.
 */
final class G722Band {
    int s;
    int sp;
    int sz;
    final int[] r = new int[3];
    final int[] a = new int[3];
    final int[] ap = new int[3];
    final int[] p = new int[3];
    final int[] d = new int[7];
    final int[] b = new int[7];
    final int[] bp = new int[7];
    final int[] sg = new int[7];
    int nb;
    int det;

    G722Band(int initialDet) {
        this.det = initialDet;
    }

    static int saturate(int amp) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, amp));
    }

    /** Blocks 3L/3H LOGSCL/LOGSCH and SCALEL/SCALEH: scale factor adaptation. */
    void adaptScale(int weight, int nbLimit, int shiftBase) {
        int wd = (nb * 127) >> 7;
        nb = wd + weight;
        if (nb < 0) {
            nb = 0;
        } else if (nb > nbLimit) {
            nb = nbLimit;
        }
        int wd1 = (nb >> 6) & 31;
        int wd2 = shiftBase - (nb >> 11);
        int wd3 = wd2 < 0 ? G722Tables.ILB[wd1] << -wd2 : G722Tables.ILB[wd1] >> wd2;
        det = wd3 << 2;
    }

    /** Block 4: reconstruction, pole/zero predictor adaptation and prediction, for difference {@code dx}. */
    void block4(int dx) {
        // RECONS
        d[0] = dx;
        r[0] = saturate(s + dx);
        // PARREC
        p[0] = saturate(sz + dx);
        // UPPOL2
        for (int i = 0; i < 3; i++) {
            sg[i] = p[i] >> 15;
        }
        int wd1 = saturate(a[1] << 2);
        int wd2 = sg[0] == sg[1] ? -wd1 : wd1;
        if (wd2 > 32767) {
            wd2 = 32767;
        }
        int wd3 = (wd2 >> 7) + (sg[0] == sg[2] ? 128 : -128);
        wd3 += (a[2] * 32512) >> 15;
        if (wd3 > 12288) {
            wd3 = 12288;
        } else if (wd3 < -12288) {
            wd3 = -12288;
        }
        ap[2] = wd3;
        // UPPOL1
        sg[0] = p[0] >> 15;
        sg[1] = p[1] >> 15;
        wd1 = sg[0] == sg[1] ? 192 : -192;
        wd2 = (a[1] * 32640) >> 15;
        ap[1] = saturate(wd1 + wd2);
        wd3 = saturate(15360 - ap[2]);
        if (ap[1] > wd3) {
            ap[1] = wd3;
        } else if (ap[1] < -wd3) {
            ap[1] = -wd3;
        }
        // UPZERO
        wd1 = dx == 0 ? 0 : 128;
        sg[0] = dx >> 15;
        for (int i = 1; i < 7; i++) {
            sg[i] = d[i] >> 15;
            wd2 = sg[i] == sg[0] ? wd1 : -wd1;
            wd3 = (b[i] * 32640) >> 15;
            bp[i] = saturate(wd2 + wd3);
        }
        // DELAYA
        for (int i = 6; i > 0; i--) {
            d[i] = d[i - 1];
            b[i] = bp[i];
        }
        for (int i = 2; i > 0; i--) {
            r[i] = r[i - 1];
            p[i] = p[i - 1];
            a[i] = ap[i];
        }
        // FILTEP
        wd1 = saturate(r[1] + r[1]);
        wd1 = (a[1] * wd1) >> 15;
        wd2 = saturate(r[2] + r[2]);
        wd2 = (a[2] * wd2) >> 15;
        sp = saturate(wd1 + wd2);
        // FILTEZ
        sz = 0;
        for (int i = 6; i > 0; i--) {
            wd1 = saturate(d[i] + d[i]);
            sz += (b[i] * wd1) >> 15;
        }
        sz = saturate(sz);
        // PREDIC
        s = saturate(sp + sz);
    }
}
