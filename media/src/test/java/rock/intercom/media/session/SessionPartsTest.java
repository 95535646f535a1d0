package rock.intercom.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.media.ParseResult;
import rock.intercom.media.rtp.DtmfDetector;
import rock.intercom.media.rtp.DtmfEvent;
import rock.intercom.media.rtp.RtcpReport;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.media.rtp.TelephoneEvent;

class SessionPartsTest {

    @ParameterizedTest(name = "volume {0} → {1} dB")
    @CsvSource({"100, 0.0", "50, -15.0", "1, -29.7", "75, -7.5"})
    void volumeCurveIsLinearInDecibels(int volume, double db) {
        assertThat(20 * Math.log10(VolumeCurve.gain(volume))).isCloseTo(db, offset(0.01));
    }

    @Test
    void volumeZeroMutesAndGainSaturates() {
        assertThat(VolumeCurve.gain(0)).isZero();
        short[] frame = {32000, -32000, 100};
        VolumeCurve.apply(frame, 2.0);
        assertThat(frame).containsExactly((short) 32767, (short) -32768, (short) 200);
    }

    @ParameterizedTest(name = "now = {0} ms → skipped {1}, next frame {2}")
    @CsvSource({"0, 0, 0", "19, 0, 0", "60, 0, 0", "80, 4, 4", "1000, 50, 50"})
    void frameClockCatchesUpBrieflyAndResyncsAfterAStall(long nowMs, long skipped, long index) {
        FrameClock clock = new FrameClock(0, 20_000_000L);
        assertThat(clock.resyncIfStalled(nowMs * 1_000_000)).isEqualTo(skipped);
        assertThat(clock.frameIndex()).isEqualTo(index);
        clock.advance();
        assertThat(clock.dueNanos()).isEqualTo((index + 1) * 20_000_000L);
    }

    @Test
    void lossConcealmentRepeatsThenFadesToSilence() {
        LossConcealment plc = new LossConcealment();
        short[] good = new short[160];
        java.util.Arrays.fill(good, (short) 1000);
        plc.good(good);
        short[] out = new short[160];
        plc.conceal(out);
        assertThat(out[0]).isEqualTo((short) 1000);
        assertThat(out[159]).isBetween((short) 500, (short) 510);
        for (int i = 2; i <= LossConcealment.MAX_CONCEALED; i++) {
            plc.conceal(out);
        }
        assertThat(out[159]).isLessThan((short) 10);
        plc.conceal(out);
        assertThat(out).containsOnly((short) 0);
        plc.good(good);
        assertThat(plc.consecutiveLost()).isZero();
    }

    private static RtpPacket packet(int seq) {
        return RtpPacket.of(false, 0, seq & 0xFFFF, 160L * seq, 1, new byte[] {(byte) seq});
    }

    @Test
    void jitterBufferReordersAcrossTheWrapAndReportsGaps() {
        JitterBuffer jb = new JitterBuffer();
        jb.adapt(15); // target ceil((30 + 20) / 20) = 3 frames
        assertThat(jb.targetDepth()).isEqualTo(3);
        jb.add(packet(65534));
        assertThat(jb.poll().buffering()).isTrue();
        jb.add(packet(65536)); // seq 0, out of order
        jb.add(packet(65535));
        assertThat(jb.poll().packet().sequenceNumber()).isEqualTo(65534);
        assertThat(jb.poll().packet().sequenceNumber()).isEqualTo(65535);
        jb.add(packet(65538)); // seq 2; seq 1 is lost
        assertThat(jb.poll().packet().sequenceNumber()).isZero();
        assertThat(jb.poll().lost()).isTrue();
        assertThat(jb.poll().packet().sequenceNumber()).isEqualTo(2);
        jb.add(packet(65536)); // late duplicate
        assertThat(jb.latePackets()).isEqualTo(1);
    }

    @Test
    void jitterBufferDropsTheOldestWhenItRunsTooDeep() {
        JitterBuffer jb = new JitterBuffer();
        for (int i = 0; i < 10; i++) {
            jb.add(packet(i));
        }
        assertThat(jb.poll().packet().sequenceNumber()).isEqualTo(7); // target 1 + 2 kept
        assertThat(jb.size()).isEqualTo(2);
        for (int i = 0; i < 100; i++) {
            jb.add(packet(100 + i));
        }
        assertThat(jb.size()).isLessThanOrEqualTo(JitterBuffer.CAPACITY);
    }

    @Test
    void jitterTargetIsBounded() {
        JitterBuffer jb = new JitterBuffer();
        jb.adapt(0);
        assertThat(jb.targetDepth()).isEqualTo(1);
        jb.adapt(10_000);
        assertThat(jb.targetDepth()).isEqualTo(JitterBuffer.MAX_DEPTH);
    }

    @Test
    void receptionStatisticsCountLossAndJitterPerRfc3550() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        long t = 1_000_000_000L;
        for (int seq = 0; seq < 10; seq++) {
            if (seq == 4 || seq == 5) {
                continue; // two lost
            }
            // arrivals alternate 0 / +5 ms around the 20 ms grid → jitter ≈ 40 timestamp units
            stats.onPacket(packet(seq), t + seq * 20_000_000L + (seq % 2) * 5_000_000L);
        }
        assertThat(stats.packetsReceived()).isEqualTo(8);
        assertThat(stats.cumulativeLost()).isEqualTo(2);
        assertThat(stats.takeFractionLost()).isEqualTo(2 * 256 / 10);
        assertThat(stats.takeFractionLost()).isZero();
        assertThat(stats.jitter()).isBetween(10L, 40L);
    }

    @Test
    void rtcpReportsRoundTripWithSdes() {
        RtcpReport sr = new RtcpReport(0x11223344, true, RtcpReport.ntpTime(1_700_000_000_123L), 123456, 50, 8000,
            List.of(new RtcpReport.ReportBlock(0x55667788, 25, -1, 70000, 33, 0xABCD, 65536)));
        byte[] bytes = sr.toBytes("door@192.0.2.10");
        assertThat(bytes.length % 4).isZero();
        assertThat(HexFormat.of().formatHex(bytes, 0, 4)).isEqualTo("81c8000c"); // V=2 RC=1 SR, 13 words
        assertThat(RtcpReport.parse(bytes, 0, bytes.length).orNull()).isEqualTo(sr);
        RtcpReport rr = new RtcpReport(7, false, 0, 0, 0, 0, List.of());
        byte[] rrBytes = rr.toBytes("x");
        assertThat(RtcpReport.parse(rrBytes, 0, rrBytes.length).orNull()).isEqualTo(rr);
    }

    @ParameterizedTest
    @CsvSource({"''", "80c8", "40c80001aaaaaaaa", "80c80006aaaaaaaa", "81c90001aaaaaaaa", "81ca0001aaaaaaaa"})
    void rejectsMalformedRtcp(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertThat(RtcpReport.parse(b, 0, b.length)).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void randomBytesNeverBreakTheRtcpParser() {
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 20000; i++) {
            byte[] junk = new byte[r.nextInt(80)];
            r.nextBytes(junk);
            if (junk.length > 1 && r.nextBoolean()) {
                junk[0] = (byte) (0x80 | (junk[0] & 0x1F));
                junk[1] = (byte) (200 + r.nextInt(3));
            }
            assertThat(RtcpReport.parse(junk, 0, junk.length)).isNotNull();
        }
    }

    @Test
    void dtmfDigitIsSentAsRfc4733EventPacketsAndDetectedOnce() {
        List<DtmfEvent.Step> steps = DtmfEvent.steps('#', 8000);
        assertThat(steps).hasSize(4 + 3);
        assertThat(steps.get(0).marker()).isTrue();
        assertThat(steps.subList(1, steps.size())).noneMatch(DtmfEvent.Step::marker);
        assertThat(steps).extracting(s -> s.event().duration()).containsExactly(160, 320, 480, 640, 800, 800, 800);
        assertThat(steps).extracting(s -> s.event().end()).containsExactly(false, false, false, false, true, true, true);
        assertThat(steps).allMatch(s -> s.event().event() == 11);

        DtmfDetector detector = new DtmfDetector();
        StringBuilder digits = new StringBuilder();
        for (long ts : new long[] {1000, 5000}) {
            for (DtmfEvent.Step s : steps) {
                char d = detector.onPacket(ts, s.event());
                if (d != 0) {
                    digits.append(d);
                }
            }
        }
        assertThat(digits).hasToString("##");
        assertThat(detector.onPacket(9000, new TelephoneEvent(32, false, 0, 0))).as("not DTMF").isEqualTo((char) 0);
    }

    @ParameterizedTest
    @CsvSource({"20000-20100", " 30000 - 30001 "})
    void parsesPortRanges(String text) {
        RtpPortRange r = RtpPortRange.parse(text);
        assertThat(r.high() - r.low()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"abc", "20000", "20000-", "100-200", "30000-20000", "20000-70000"})
    void rejectsBadPortRanges(String text) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RtpPortRange.parse(text))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("");
    }
}
