package rock.intercom.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The send history and resend budget behind Generic NACK (RFC 4585 §6.2.1), on an injected clock. */
class RetransmissionsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Retransmissions history = new Retransmissions(now::get);

    private void send(int from, int count) {
        for (int seq = from; seq < from + count; seq++) {
            history.sent(seq & 0xFFFF, new byte[] {(byte) (seq >> 8), (byte) seq});
        }
    }

    @Test
    void askedPacketsComeBackAsTheyWentOut() {
        send(65_500, 100); // across the sequence-number wrap
        List<byte[]> again = history.asked(List.of(65_510, 3));
        assertThat(again).hasSize(2);
        assertThat(again.get(0)).containsExactly((byte) (65_510 >> 8), (byte) 65_510);
        assertThat(again.get(1)).containsExactly((byte) 0, (byte) 3);
        assertThat(history.resent()).isEqualTo(2);
    }

    @Test
    void packetsPastTheHistoryOrNeverSentAreRefused() {
        send(0, Retransmissions.HISTORY + 10);
        assertThat(history.asked(List.of(5))).as("overwritten by a newer packet").isEmpty();
        assertThat(history.asked(List.of(60_000))).as("never sent").isEmpty();
        assertThat(history.asked(List.of(Retransmissions.HISTORY + 5))).hasSize(1);
        assertThat(history.refused()).isEqualTo(2);
    }

    @Test
    void aFloodOfNacksResendsNoMoreThanTheBudget() {
        send(0, Retransmissions.HISTORY);
        List<Integer> all = IntStream.range(0, Retransmissions.HISTORY).boxed().toList();
        int resent = 0;
        for (int nack = 0; nack < 1_000; nack++) {
            resent += history.asked(all).size();
        }
        assertThat(resent).isEqualTo(Retransmissions.BURST);
        now.addAndGet(500_000_000L); // half a second refills half the rate
        assertThat(history.asked(all)).hasSize(Retransmissions.PER_SECOND / 2);
        now.addAndGet(60_000_000_000L); // a quiet minute refills no more than the burst
        assertThat(history.asked(all)).hasSize(Retransmissions.BURST);
    }
}
