package rock.intercom.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static rock.intercom.media.session.SourceLatch.Verdict.DROP;
import static rock.intercom.media.session.SourceLatch.Verdict.TAKE;
import static rock.intercom.media.session.SourceLatch.Verdict.TAKE_AND_MOVE;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Which source a call's media stream is taken from: the SDP's address, or a NAT's after probation. */
class SourceLatchTest {
    private static final InetSocketAddress ANNOUNCED = new InetSocketAddress("192.0.2.10", 40000);
    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.7", 61002);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("192.0.2.66", 40000);

    @Test
    void theAnnouncedAddressIsTakenAndThenNothingElse() {
        SourceLatch latch = SourceLatch.rtp(ANNOUNCED);
        assertThat(latch.admit(ANNOUNCED, false)).isEqualTo(TAKE);
        for (int i = 0; i < 100; i++) {
            assertThat(latch.admit(STRANGER, false)).isEqualTo(DROP);
        }
        assertThat(latch.admit(STRANGER, true)).as("even SRTP-authenticated, once the peer sends as announced")
            .isEqualTo(DROP);
        assertThat(latch.admit(ANNOUNCED, false)).isEqualTo(TAKE);
    }

    @Test
    void anotherSourceIsLatchedOnlyAfterProbationInARow() {
        SourceLatch latch = SourceLatch.rtp(ANNOUNCED);
        for (int i = 1; i < SourceLatch.PROBATION; i++) {
            assertThat(latch.admit(NAT, false)).as("packet %d", i).isEqualTo(DROP);
        }
        assertThat(latch.admit(NAT, false)).isEqualTo(TAKE_AND_MOVE);
        assertThat(latch.admit(NAT, false)).isEqualTo(TAKE);
        assertThat(latch.admit(STRANGER, false)).as("a latch holds").isEqualTo(DROP);
    }

    @Test
    void aStrangerInterleavingPacketsResetsTheProbation() {
        SourceLatch latch = SourceLatch.rtp(ANNOUNCED);
        for (int i = 0; i < 50; i++) {
            assertThat(latch.admit(i % 2 == 0 ? NAT : STRANGER, false)).isEqualTo(DROP);
        }
    }

    @Test
    void oneAuthenticatedPacketIsEnough() {
        SourceLatch latch = SourceLatch.rtp(ANNOUNCED);
        assertThat(latch.admit(NAT, true)).isEqualTo(TAKE_AND_MOVE);
        assertThat(latch.admit(STRANGER, true)).isEqualTo(DROP);
    }

    @Test
    void theAnnouncedAddressTakesALatchBackForGood() {
        SourceLatch latch = SourceLatch.rtp(ANNOUNCED);
        for (int i = 0; i < SourceLatch.PROBATION; i++) {
            latch.admit(STRANGER, false);
        }
        assertThat(latch.admit(STRANGER, false)).as("a stranger who raced the peer").isEqualTo(TAKE);
        assertThat(latch.admit(ANNOUNCED, false)).isEqualTo(TAKE_AND_MOVE);
        for (int i = 0; i < 2 * SourceLatch.PROBATION; i++) {
            assertThat(latch.admit(STRANGER, false)).isEqualTo(DROP);
        }
    }

    @Test
    void rtcpFromElsewhereIsTakenOnlyWhenVouchedFor() {
        SourceLatch latch = SourceLatch.rtcp(ANNOUNCED);
        for (int i = 0; i < 10 * SourceLatch.PROBATION; i++) {
            assertThat(latch.admit(STRANGER, false)).isEqualTo(DROP);
        }
        assertThat(latch.admit(NAT, true)).as("from the peer's RTP address").isEqualTo(TAKE_AND_MOVE);
        assertThat(latch.admit(STRANGER, false)).isEqualTo(DROP);
        InetSocketAddress anotherPortOfThePeer = new InetSocketAddress(NAT.getAddress(), 61100);
        assertThat(latch.admit(anotherPortOfThePeer, true)).as("taken, the latch stays").isEqualTo(TAKE);
        assertThat(latch.admit(ANNOUNCED, false)).isEqualTo(TAKE_AND_MOVE);
        assertThat(latch.admit(anotherPortOfThePeer, true)).isEqualTo(TAKE);
        assertThat(latch.admit(STRANGER, false)).isEqualTo(DROP);
    }
}
