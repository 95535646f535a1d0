package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sip.SipFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import rock.intercom.testkit.TestClock;

/** The pure parts of bad-input handling, as tables: request screen, single headers, log budget, REGISTER matching. */
class BadInputPartsTest {

    private static final String HEAD = " sip:door@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKt\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:door@127.0.0.1>\r\nCall-ID: t1\r\n";

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("OPTIONS", "", "", 0, null),
                Arguments.of("INVITE", "Contact: <sip:a@127.0.0.1>\r\nContent-Type: application/sdp\r\n", "v=0\r\n", 0,
                        null),
                Arguments.of("ACK", "Require: anything\r\n", "", 0, null),
                Arguments.of("SUBSCRIBE", "", "", 501, "Allow"),
                Arguments.of("OPTIONS", "Require: 100rel\r\n", "", 420, "Unsupported"),
                Arguments.of("INVITE", "Contact: <sip:a@127.0.0.1>\r\nContent-Type: text/plain\r\n", "hello", 415,
                        "Accept"),
                Arguments.of("INVITE", "Contact: <sip:a@127.0.0.1>\r\nContent-Type: application/sdp\r\n"
                        + "Content-Encoding: gzip\r\n", "v=0\r\n", 415, "Accept-Encoding"),
                Arguments.of("INVITE", "Content-Type: application/sdp\r\n", "v=0\r\n", 400, null));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("requests")
    void screensRequestsInTheOrderOfRfc3261Section8_2(String method, String headers, String body, int status,
            String header) throws Exception {
        String text = method + HEAD + "CSeq: 1 " + method + "\r\n" + headers + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        Request request = SipFactory.getInstance().createMessageFactory().createRequest(text);
        RequestScreen.Refusal refusal = RequestScreen.check(request);
        if (status == 0) {
            assertThat(refusal).isNull();
        } else {
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.headerName()).isEqualTo(header);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "INVITE x SIP/2.0\\r\\nCall-ID: a\\r\\ni: b\\r\\n\\r\\n|Call-ID",
        "INVITE x SIP/2.0\\r\\nContent-Length: 1\\r\\nl: 2\\r\\n\\r\\n|Content-Length",
        "INVITE x SIP/2.0\\r\\nVia: a\\r\\nVia: b\\r\\nRoute: <x>\\r\\nRoute: <y>\\r\\n\\r\\n|",
        "INVITE x SIP/2.0\\r\\nTo: a\\r\\n\\r\\nTo: in the body\\r\\n|",
        "INVITE x SIP/2.0\\r\\nSubject: a\\r\\n To: folded, not a header\\r\\nTo: b\\r\\n\\r\\n|"})
    void findsSingleHeadersGivenTwice(String message, String repeated) {
        byte[] bytes = message.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SingleHeaders.repeated(bytes)).isEqualTo(repeated);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "OPTIONS sip:a SIP/7.0\\r\\nVia: x|SIP/7.0",
        "\\r\\n\\r\\nOPTIONS sip:a SIP/2.0\\r\\n|SIP/2.0",
        "OPTIONS sip:a SIP/2.0  |SIP/2.0",
        "OPTIONS sip:a SIP/2.0<script>alert(1)</script>|SIP/?"})
    void keepsTheVersionAsSent(String message, String version) {
        assertThat(WatchingMessageParserFactory.sentVersion(message.replace("\\r\\n", "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(version);
    }

    @Test
    void writesAFewLinesPerSourceAMinuteThenOneSummary() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("test.badinput");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        TestClock clock = new TestClock();
        BadPacketLog log = new BadPacketLog(logger, clock);

        for (int i = 0; i < 100; i++) {
            log.report("bad SIP packet from 10.0.0.9", "x".repeat(2000) + "\r\n" + i);
        }
        log.report("bad SIP packet from 10.0.0.8", "other source");
        clock.advance(Duration.ofSeconds(61));
        log.report("bad SIP packet from 10.0.0.9", "next minute");

        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).hasSize(BadPacketLog.LINES_PER_MINUTE + 1 + 2);
        assertThat(messages).allMatch(m -> m.length() <= BadPacketLog.MAX_LINE_BYTES && !m.contains("\n"));
        assertThat(messages.get(BadPacketLog.LINES_PER_MINUTE + 1)).contains("95 more");
        assertThat(messages.get(messages.size() - 1)).endsWith("next minute");
    }

    @Test
    void aFloodFromForgedAddressesWritesAtMostTheMinutesBudgetInAll() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.badpackets.forged");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        TestClock clock = new TestClock();
        BadPacketLog log = new BadPacketLog(logger, clock);

        // A new source every packet: per-source limits alone would write a line (and an eviction summary) each time.
        for (int i = 0; i < 5_000; i++) {
            log.report("INVITE from 10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":5060",
                    "refused with 403");
        }
        assertThat(lines.list).hasSize(BadPacketLog.LINES_PER_MINUTE_IN_ALL);

        clock.advance(Duration.ofSeconds(61));
        log.report("INVITE from 10.9.9.9:5060", "refused with 403");
        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).hasSize(BadPacketLog.LINES_PER_MINUTE_IN_ALL + 2);
        assertThat(messages.get(BadPacketLog.LINES_PER_MINUTE_IN_ALL))
                .startsWith((5_000 - BadPacketLog.LINES_PER_MINUTE_IN_ALL) + " more lines in the minute since")
                .contains("held back");
        assertThat(messages.get(messages.size() - 1)).endsWith("10.9.9.9:5060: refused with 403");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "answer to our REGISTER|127.0.0.1|5060|SIP/2.0 200 OK\\r\\nVia: x;branch=z9hG4bKours|true",
        "port unknown (UDP)|127.0.0.1|-1|SIP/2.0 200 OK\\r\\nVia: x;branch=z9hG4bKours|true",
        "another branch|127.0.0.1|5060|SIP/2.0 200 OK\\r\\nVia: x;branch=z9hG4bKtheirs|false",
        "a request|127.0.0.1|5060|INVITE z9hG4bKours|false",
        "another address|127.0.0.2|5060|SIP/2.0 200 OK\\r\\nVia: x;branch=z9hG4bKours|false",
        "another port|127.0.0.1|5070|SIP/2.0 200 OK\\r\\nVia: x;branch=z9hG4bKours|false"})
    void countsOnlyTheServersAnswerToTheRegisterInFlight(String row, String source, int port, String text,
            boolean counted) throws Exception {
        TransportProblems problems = new TransportProblems(InetAddress.getByName("127.0.0.1"), 5060);
        problems.awaiting("z9hG4bKours");
        problems.malformed(InetAddress.getByName(source), port, text.replace("\\r\\n", "\r\n"), "bad");
        assertThat(problems.malformedMessage() != null).isEqualTo(counted);
    }

}
