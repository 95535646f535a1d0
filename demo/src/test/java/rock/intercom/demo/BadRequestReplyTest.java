package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written 400 for requests the parser rejected. */
class BadRequestReplyTest {
    private static final String BROKEN_FROM = """
        INVITE sip:400@127.0.0.1 SIP/2.0\r
        Via: SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK-1\r
        Via: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK-0\r
        From: <sip:505@127.0.0.1;tag=a\r
        To: <sip:400@127.0.0.1>\r
        Call-ID: abc@10.0.0.5\r
        CSeq: 7 INVITE\r
        Content-Length: 0\r
        \r
        """;

    @Test
    void copiesRoutingHeadersTagsToAndExplains() {
        String reply = BadRequestReply.build(BROKEN_FROM, "Expecting >\n[C@1234", "127.0.0.1").orElseThrow();
        assertThat(reply).startsWith("SIP/2.0 400 Bad Request\r\n")
            .contains("Via: SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK-1\r\nVia: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK-0\r\n")
            .contains("From: <sip:505@127.0.0.1;tag=a\r\n")
            .containsPattern("To: <sip:400@127.0.0.1>;tag=[0-9a-f]+\r\n")
            .contains("Call-ID: abc@10.0.0.5\r\n", "CSeq: 7 INVITE\r\n")
            .contains("Warning: 399 127.0.0.1 \"Malformed request: Expecting >\"\r\n")
            .endsWith("Content-Length: 0\r\n\r\n");
    }

    @Test
    void compactHeaderFormsAreUnderstoodAndAnExistingTagIsKept() {
        String raw = "OPTIONS sip:x SIP/2.0\nv: SIP/2.0/TCP 10.0.0.5\nf: <sip:a@b>;tag=1\nt: <sip:c@d>;tag=2\n"
            + "i: id1\nCSeq: 1 OPTIONS\n\n";
        String reply = BadRequestReply.build(raw, "x", "127.0.0.1").orElseThrow();
        assertThat(reply).contains("To: <sip:c@d>;tag=2\r\n").doesNotContain("tag=2;tag=");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: 1 X\r\n\r\n",
        "ACK sip:x SIP/2.0\r\nVia: SIP/2.0/UDP a\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: 1 ACK\r\n\r\n",
        "INVITE sip:x SIP/2.0\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n",
        "INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP a\r\nFrom: a\r\nTo: b\r\nCSeq: 1 INVITE\r\n\r\n",
        "\u0000\u00ff garbage",
        ""})
    void nothingToAnswer(String raw) {
        assertThat(BadRequestReply.build(raw, "x", "127.0.0.1")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        bad "quoted" \\ thing | Malformed request: bad quoted  thing
        [C@6deb5f81           | Malformed request
                              | Malformed request
        """)
    void warningTextIsASafeQuotedString(String problem, String expected) {
        assertThat(BadRequestReply.warningText(problem)).isEqualTo(expected);
    }

    @Test
    void warningTextIsBounded() {
        assertThat(BadRequestReply.warningText("x".repeat(10_000)))
            .hasSize("Malformed request: ".length() + BadRequestReply.MAX_WARNING);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "'Via: SIP/2.0/UDP 10.0.0.5:5070;branch=z', 10.0.0.5, 5070",
        "'Via: SIP/2.0/UDP 10.0.0.5;rport', 10.0.0.5, 5060",
        "'v: SIP/2.0/TCP [::1]:5080', ::1, 5080",
        "'Via: SIP/2.0/UDP 10.0.0.5:99999', none, 0",
        "'Via: garbage', none, 0"})
    void viaSentBy(String via, String host, int port) {
        Optional<InetSocketAddress> sentBy = BadRequestReply.viaSentBy("INVITE sip:x SIP/2.0\r\n" + via + "\r\n\r\n");
        if (host == null) {
            assertThat(sentBy).isEmpty();
        } else {
            assertThat(sentBy).hasValueSatisfying(a -> {
                assertThat(a.getHostString()).isEqualTo(host);
                assertThat(a.getPort()).isEqualTo(port);
            });
        }
    }
}
