package rock.intercom.app.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Send-interval jitter of one sender's calls: for each pair of consecutive RTP packets (sequence
 * numbers one apart) captured inside the measurement window, how far their spacing is from the
 * 20 ms packet time. Arrival on loopback is the send time plus a near-constant kernel delay.
 *
 * @param intervals  packet spacings measured
 * @param packets    RTP packets captured in the window, all calls
 * @param meanMicros mean deviation from 20 ms, µs
 * @param p50Micros  median deviation, µs
 * @param p99Micros  99th percentile deviation, µs
 * @param maxMicros  largest deviation, µs
 * @param sigmaMicros standard deviation of the spacing itself (issue 15's σ), µs
 */
record SendJitter(int intervals, int packets, double meanMicros, long p50Micros, long p99Micros, long maxMicros,
                  double sigmaMicros) {
    static final long PTIME_NANOS = 20_000_000L;

    static SendJitter of(Map<Integer, List<PcapArrivals.Arrival>> byPort, long fromEpochNanos, long toEpochNanos) {
        long[] deviations = new long[byPort.values().stream().mapToInt(List::size).sum()];
        double sum = 0;
        double sumOfSquares = 0;
        int count = 0;
        int packets = 0;
        for (List<PcapArrivals.Arrival> arrivals : byPort.values()) {
            PcapArrivals.Arrival previous = null;
            for (PcapArrivals.Arrival a : arrivals) {
                if (a.epochNanos() < fromEpochNanos || a.epochNanos() > toEpochNanos) {
                    continue;
                }
                packets++;
                if (previous != null && ((previous.sequence() + 1) & 0xffff) == a.sequence()) {
                    long spacingMicros = (a.epochNanos() - previous.epochNanos()) / 1000;
                    sum += spacingMicros;
                    sumOfSquares += (double) spacingMicros * spacingMicros;
                    deviations[count++] = Math.abs(spacingMicros - PTIME_NANOS / 1000);
                }
                previous = a;
            }
        }
        if (count == 0) {
            return new SendJitter(0, packets, Double.NaN, -1, -1, -1, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(deviations, count);
        Arrays.sort(sorted);
        return new SendJitter(count, packets, Arrays.stream(sorted).average().orElse(Double.NaN),
                sorted[percentileIndex(count, 50)], sorted[percentileIndex(count, 99)], sorted[count - 1],
                Math.sqrt(Math.max(0, sumOfSquares / count - (sum / count) * (sum / count))));
    }

    /** Nearest-rank percentile (the smallest value with at least p % of the values at or below it). */
    private static int percentileIndex(int count, int percent) {
        return Math.max(0, (int) Math.ceil(percent / 100.0 * count) - 1);
    }
}
