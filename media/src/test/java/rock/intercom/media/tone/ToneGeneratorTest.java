package rock.intercom.media.tone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.testkit.Goertzel;
import rock.intercom.settings.ToneRegion;

/** Given a region and a tone, the rendered PCM carries its frequencies while on and silence while off. */
class ToneGeneratorTest {

    private static final int RATE = 8000;

    private static short[] render(Cadence cadence, int millis) {
        ToneGenerator generator = new ToneGenerator(cadence, RATE);
        short[] all = new short[RATE * millis / 1000];
        short[] frame = new short[RATE / 50];
        for (int at = 0; at < all.length; at += frame.length) {
            generator.next(frame);
            System.arraycopy(frame, 0, all, at, Math.min(frame.length, all.length - at));
        }
        return all;
    }

    private static int sampleAt(int millis) {
        return RATE * millis / 1000;
    }

    @ParameterizedTest(name = "{0} {1}: {2} Hz on at {3} ms, off at {4} ms")
    @CsvSource({
            "EUROPE,        RINGBACK, 425, 500,  2500",
            "EUROPE,        BUSY,     425, 250,  750",
            "NORTH_AMERICA, RINGBACK, 440, 1000, 4000",
            "NORTH_AMERICA, RINGBACK, 480, 1000, 4000",
            "NORTH_AMERICA, BUSY,     620, 250,  750",
            "UK,            RINGBACK, 450, 200,  500",
            "UK,            RINGBACK, 400, 800,  2000",
            "UK,            BUSY,     400, 150,  550",
    })
    void theToneSoundsWhenTheCadenceIsOnAndIsSilentWhenOff(ToneRegion region, ToneKind kind, double hz, int onAt, int offAt) {
        Cadence cadence = Cadence.of(region, kind);
        short[] pcm = render(cadence, cadence.cycleMillis());
        double expected = 32767 * Math.pow(10, ToneGenerator.LEVEL_DBFS / 20);
        // 100 ms windows centred in an on and an off part of the pattern.
        double on = Goertzel.amplitude(pcm, sampleAt(onAt - 50), sampleAt(onAt + 50), hz, RATE);
        double off = Goertzel.rms(pcm, sampleAt(offAt - 50), sampleAt(offAt + 50));
        assertThat(on).isBetween(expected * 0.9, expected * 1.1);
        assertThat(off).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"EUROPE, 5000", "NORTH_AMERICA, 6000", "UK, 3000"})
    void ringbackRepeatsWithItsRegionsCycle(ToneRegion region, int cycle) {
        assertThat(Cadence.of(region, ToneKind.RINGBACK).cycleMillis()).isEqualTo(cycle);
    }
}
