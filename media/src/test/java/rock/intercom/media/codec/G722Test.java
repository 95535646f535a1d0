package rock.intercom.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import rock.intercom.testkit.Goertzel;

/**
 * G.722 against reference vectors produced by libspandsp 0.0.6 (the G.722 baresip uses) with
 * src/test/resources/g722/make-vectors.py: tones, a chirp, noise, silence and full-scale steps.
 */
class G722Test {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = G722Test.class.getResourceAsStream("/g722/" + name)) {
            return in.readAllBytes();
        }
    }

    private static short[] pcm(byte[] raw) {
        short[] out = new short[raw.length / 2];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    @Test
    void encodesBitExactlyLikeSpandsp() throws IOException {
        short[] input = pcm(resource("input-16k.raw"));
        byte[] expected = resource("encoded.g722");
        G722Codec codec = new G722Codec();
        byte[] out = new byte[expected.length];
        short[] frame = new short[320];
        int written = 0;
        for (int i = 0; i < input.length; i += frame.length) {
            System.arraycopy(input, i, frame, 0, frame.length);
            written += codec.encode(frame, out, written);
        }
        assertThat(written).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("byte %d", i).isEqualTo(expected[i]);
        }
    }

    /**
     * Bit-exact except where the QMF output overflows 16 bits: spandsp 0.0.6 casts it to int16_t
     * (wrapping to the opposite sign, an audible click), we saturate as the ITU reference does.
     */
    @Test
    void decodesBitExactlyLikeSpandspButSaturatesOverflows() throws IOException {
        byte[] encoded = resource("encoded.g722");
        short[] expected = pcm(resource("decoded-16k.raw"));
        G722Codec codec = new G722Codec();
        short[] frame = new short[320];
        int saturated = 0;
        for (int i = 0; i < encoded.length; i += 160) {
            assertThat(codec.decode(encoded, i, 160, frame)).isEqualTo(320);
            for (int k = 0; k < 320; k++) {
                short ours = frame[k];
                short theirs = expected[2 * i + k];
                if (ours != theirs) {
                    saturated++;
                    assertThat(2 * i + k).as("overflow only in the full-scale square wave").isBetween(12000, 14000 + 46); // + the two QMFs' delay
                    assertThat(ours).as("sample %d", 2 * i + k).isIn(Short.MIN_VALUE, Short.MAX_VALUE);
                    assertThat(Integer.signum(theirs)).as("sample %d wrapped", 2 * i + k)
                        .isEqualTo(-Integer.signum(ours));
                }
            }
        }
        assertThat(saturated).as("the square wave's edges do overshoot").isPositive();
    }

    @Test
    void carriesA5KhzToneThatNarrowbandG711Cannot() {
        G722Codec enc = new G722Codec();
        G722Codec dec = new G722Codec();
        short[] in = new short[320];
        short[] out = new short[16000];
        byte[] payload = new byte[160];
        for (int f = 0; f < 50; f++) {
            for (int i = 0; i < 320; i++) {
                in[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * 5000 * (f * 320 + i) / 16000.0));
            }
            enc.encode(in, payload, 0);
            short[] frame = new short[320];
            dec.decode(payload, 0, 160, frame);
            System.arraycopy(frame, 0, out, f * 320, 320);
        }
        assertThat(Goertzel.dbfs(Goertzel.amplitude(out, 8000, 16000, 5000, 16000))).isBetween(-8.0, -4.0);
    }
}
