package rock.intercom.media.tone;

import java.util.List;
import rock.intercom.settings.ToneRegion;

/**
 * One call-progress tone as ITU-T E.180 describes it: the frequencies played together and the
 * on/off pattern in milliseconds, repeated (on, off, on, off, …).
 */
public record Cadence(List<Double> frequencies, List<Integer> pattern) {

    public Cadence {
        frequencies = List.copyOf(frequencies);
        pattern = List.copyOf(pattern);
        if (frequencies.isEmpty() || pattern.isEmpty() || pattern.size() % 2 != 0) {
            throw new IllegalArgumentException("a cadence needs frequencies and on/off pairs");
        }
    }

    /** The tone of {@code kind} in {@code region} (E.180 Supplement 2 and the national plans). */
    public static Cadence of(ToneRegion region, ToneKind kind) {
        switch (region) {
            case NORTH_AMERICA:
                return kind == ToneKind.RINGBACK
                        ? new Cadence(List.of(440.0, 480.0), List.of(2000, 4000))
                        : new Cadence(List.of(480.0, 620.0), List.of(500, 500));
            case UK:
                return kind == ToneKind.RINGBACK
                        ? new Cadence(List.of(400.0, 450.0), List.of(400, 200, 400, 2000))
                        : new Cadence(List.of(400.0), List.of(375, 375));
            case EUROPE:
            default:
                return kind == ToneKind.RINGBACK
                        ? new Cadence(List.of(425.0), List.of(1000, 4000))
                        : new Cadence(List.of(425.0), List.of(500, 500));
        }
    }

    /** Length of one repetition of the pattern. */
    public int cycleMillis() {
        return pattern.stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether the tone sounds {@code millis} after it started. */
    public boolean soundsAt(long millis) {
        long at = millis % cycleMillis();
        for (int i = 0; i < pattern.size(); i++) {
            if (at < pattern.get(i)) {
                return i % 2 == 0;
            }
            at -= pattern.get(i);
        }
        return false;
    }
}
