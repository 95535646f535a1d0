package rock.intercom.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import rock.intercom.sip.trace.CapturedMessage;
import rock.intercom.testkit.TestClock;

/** The trace's bounds (age, bytes, message size) and what it masks. */
class SipTraceTest {

    private static final String INFO = "INFO sip:400@10.0.0.1 SIP/2.0\r\nCSeq: 7 INFO\r\n"
            + "Content-Type: application/dtmf-relay\r\nContent-Length: 24\r\n\r\nSignal=4\r\nDuration=160\r\n";

    private final TestClock clock = new TestClock();

    @Test
    void secretsAndInfoDigitsAreMaskedBeforeTheyAreKept() {
        SipTrace trace = new SipTrace(Duration.ofMinutes(15), 1 << 20, clock, () -> List.of("door-secret", "4711"));
        trace.accept(message("REGISTER sip:x SIP/2.0\r\nX-Leak: door-secret and 4711\r\n"
                + "Authorization: Digest username=\"505\", response=\"0123abcd\"\r\n\r\n"));
        trace.accept(message(INFO));

        String register = text(trace.entries().get(0));
        assertThat(register).doesNotContain("door-secret").doesNotContain("4711")
                .contains("X-Leak: ******** and ********").contains("response=\"0123abcd\"");
        String info = text(trace.entries().get(1));
        assertThat(info).startsWith("INFO sip:400@10.0.0.1").doesNotContain("Signal=4")
                .endsWith("\r\n\r\n[DTMF digits withheld]");
    }

    @Test
    void messagesOlderThanTheWindowAreForgotten() {
        SipTrace trace = new SipTrace(Duration.ofMinutes(10), 1 << 20, clock, List::of);
        trace.accept(message("OPTIONS sip:old SIP/2.0\r\n\r\n"));
        clock.advance(Duration.ofMinutes(6));
        trace.accept(message("OPTIONS sip:new SIP/2.0\r\n\r\n"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(trace.entries()).extracting(SipTraceTest::text).containsExactly("OPTIONS sip:new SIP/2.0\r\n\r\n");
    }

    @Test
    void theBufferKeepsItsByteBoundAndCutsHugeMessages() {
        SipTrace trace = new SipTrace(Duration.ofMinutes(10), 40_000, clock, List::of);
        trace.accept(message("INVITE sip:huge SIP/2.0\r\nX: " + "a".repeat(100_000)));
        assertThat(trace.entries().get(0).message()).hasSize(SipTrace.MAX_MESSAGE_BYTES);
        for (int i = 0; i < 5; i++) {
            trace.accept(message("INVITE sip:" + i + " SIP/2.0\r\nX: " + "b".repeat(10_000)));
        }
        long kept = trace.entries().stream().mapToLong(e -> e.message().length).sum();
        assertThat(kept).isLessThanOrEqualTo(40_000);
        assertThat(text(trace.entries().get(trace.entries().size() - 1))).startsWith("INVITE sip:4 ");
    }

    /**
     * A stranger floods the door from one host (any ports): it keeps at most a quarter of the bytes,
     * its latest messages, and the calls' messages with the SIP server stay in the trace.
     */
    @Test
    void aFloodFromOneHostKeepsItsOwnLatestMessagesAndLeavesTheCallsInTheTrace() {
        SipTrace trace = new SipTrace(Duration.ofMinutes(15), 40_000, clock, List::of);
        for (int i = 0; i < 5; i++) {
            trace.accept(new CapturedMessage(clock.instant(), i % 2 == 0, "10.0.0.1:5060", "10.0.0.224:5060",
                    "SIP/2.0 200 OK\r\nCSeq: " + i + " INVITE\r\nX: " + "s".repeat(1_000)));
        }
        for (int i = 0; i < 400; i++) {
            String stranger = "192.0.2.66:" + (5060 + i % 7);
            String text = "INVITE sip:505@10.0.0.224 SIP/2.0\r\nCall-ID: flood-" + i + "\r\nX: " + "f".repeat(900);
            trace.accept(i % 2 == 0 ? new CapturedMessage(clock.instant(), false, stranger, "10.0.0.224:5060", text)
                    : new CapturedMessage(clock.instant(), true, "10.0.0.224:5060", stranger, text));
        }
        List<SipTrace.Entry> kept = trace.entries();
        assertThat(kept.stream().filter(e -> e.source().startsWith("10.0.0.1:")
                || e.destination().startsWith("10.0.0.1:"))).as("the calls' messages").hasSize(5);
        long strangers = kept.stream().filter(e -> e.source().startsWith("192.0.2.66:")
                || e.destination().startsWith("192.0.2.66:")).mapToLong(e -> e.message().length).sum();
        assertThat(strangers).isPositive().isLessThanOrEqualTo(40_000 / SipTrace.PEER_SHARE);
        assertThat(text(kept.get(kept.size() - 1))).contains("Call-ID: flood-399\r\n");
    }

    @Test
    void farEndsAreHostsWhateverTheirPorts() {
        assertThat(SipTrace.host("192.0.2.66:5062")).isEqualTo("192.0.2.66");
        assertThat(SipTrace.host("[2001:db8::1]:5060")).isEqualTo("[2001:db8::1]");
        assertThat(SipTrace.host("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(SipTrace.host("door.example")).isEqualTo("door.example");
    }

    @Test
    void thePcapHasOneRecordPerMessageWithTheirAddresses() {
        SipTrace trace = new SipTrace(Duration.ofMinutes(10), 1 << 20, clock, List::of);
        trace.accept(new CapturedMessage(clock.instant(), true, "192.0.2.5:5060", "198.51.100.7:5070", "A"));
        trace.accept(new CapturedMessage(clock.instant(), false, "[2001:db8::1]:5060", "[2001:db8::2]:5062", "B"));
        byte[] pcap = trace.pcap();
        // 24 header + (16 + 20 + 8 + 1) + (16 + 40 + 8 + 1)
        assertThat(pcap).hasSize(24 + 45 + 65);
        assertThat(pcap[24 + 16]).isEqualTo((byte) 0x45);
        assertThat(java.util.Arrays.copyOfRange(pcap, 24 + 16 + 12, 24 + 16 + 20))
                .containsExactly(192, 0, 2, 5, 198, 51, 100, 7);
        assertThat(pcap[24 + 45 + 16] & 0xf0).isEqualTo(0x60);
    }

    private CapturedMessage message(String text) {
        return new CapturedMessage(clock.instant(), true, "127.0.0.1:5060", "127.0.0.1:5070", text);
    }

    private static String text(SipTrace.Entry entry) {
        return new String(entry.message(), StandardCharsets.UTF_8);
    }

}
