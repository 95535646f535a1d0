package rock.intercom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.media.ParseResult;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.sdp.SdpParser;
import rock.intercom.media.sdp.SessionDescription;

/** How the guard desk answers offers (RFC 3264 §6), one row per kind of offer. */
class GuardDeskAnswererTest {
    private static final String HEAD = "v=0\r\no=door 1 1 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\n";

    private static SessionDescription offer(String media) {
        return ((ParseResult.Parsed<SessionDescription>) SdpParser.parse(HEAD + media)).value();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
            Arguments.of("PCMU offered first", "m=audio 4000 RTP/AVP 0 8\r\n", Codec.PCMU,
                "m=audio 7000 RTP/AVP 0\r\n", true),
            Arguments.of("PCMU preferred over a PCMA-first offer", "m=audio 4000 RTP/AVP 8 0\r\n", Codec.PCMU,
                "m=audio 7000 RTP/AVP 0\r\n", true),
            Arguments.of("only PCMA", "m=audio 4000 RTP/AVP 8\r\n", Codec.PCMA, "m=audio 7000 RTP/AVP 8\r\n", true),
            Arguments.of("telephone-event kept with its payload type",
                "m=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 telephone-event/8000\r\n", Codec.PCMU,
                "m=audio 7000 RTP/AVP 0 96\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:96 telephone-event/8000\r\n"
                    + "a=fmtp:96 0-15\r\n", true),
            Arguments.of("caller sendonly: answer recvonly, no tone", "m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n",
                Codec.PCMU, "a=recvonly", false),
            Arguments.of("caller recvonly: answer sendonly, tone", "m=audio 4000 RTP/AVP 0\r\na=recvonly\r\n",
                Codec.PCMU, "a=sendonly", true),
            Arguments.of("inactive", "m=audio 4000 RTP/AVP 0\r\na=inactive\r\n", Codec.PCMU, "a=inactive", false),
            Arguments.of("SRTP stream rejected, plain one taken",
                "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x\r\nm=audio 4002 RTP/AVP 0\r\n",
                Codec.PCMU, "m=audio 0 RTP/SAVP 0\r\nm=audio 7000 RTP/AVP 0\r\n", true),
            Arguments.of("video rejected", "m=audio 4000 RTP/AVP 0\r\nm=video 5000 RTP/AVP 96\r\n", Codec.PCMU,
                "m=video 0 RTP/AVP 96\r\n", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String name, String media, Codec codec, String answerContains, boolean sendTone) {
        AnswerDecision d = GuardDeskAnswerer.answer(offer(media), "127.0.0.1", 7000, 42, 1);
        assertThat(d).isInstanceOf(AnswerDecision.Accepted.class);
        AnswerDecision.Accepted a = (AnswerDecision.Accepted) d;
        assertThat(a.target().codec()).isEqualTo(codec);
        assertThat(a.answerSdp()).contains(answerContains).contains("c=IN IP4 127.0.0.1\r\n")
            .contains("o=- 42 1 IN IP4 127.0.0.1\r\n");
        assertThat(a.target().send()).isEqualTo(sendTone);
        assertThat(a.target().host()).isEqualTo("192.0.2.5");
        // The answer has as many m= lines as the offer (RFC 3264 §6).
        assertThat(a.answerSdp().split("m=", -1).length).isEqualTo(media.split("m=", -1).length);
        assertThat(SdpParser.parse(a.answerSdp())).isInstanceOf(ParseResult.Parsed.class);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            Arguments.of("SRTP only", "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x\r\n",
                "SRTP"),
            Arguments.of("no G.711", "m=audio 4000 RTP/AVP 9 18\r\n", "G.711"),
            Arguments.of("audio disabled", "m=audio 0 RTP/AVP 0\r\n", "G.711"),
            Arguments.of("video only", "m=video 5000 RTP/AVP 96\r\n", "G.711"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String name, String media, String reasonMentions) {
        AnswerDecision d = GuardDeskAnswerer.answer(offer(media), "127.0.0.1", 7000, 42, 1);
        assertThat(d).isInstanceOf(AnswerDecision.Refused.class);
        AnswerDecision.Refused r = (AnswerDecision.Refused) d;
        assertThat(r.status()).isEqualTo(488);
        assertThat(r.reason()).contains(reasonMentions);
    }

    @Test
    void mediaLevelConnectionWinsAndHoldAddressSendsNothing() {
        AnswerDecision.Accepted own = (AnswerDecision.Accepted) GuardDeskAnswerer.answer(
            offer("m=audio 4000 RTP/AVP 0\r\nc=IN IP4 198.51.100.7\r\n"), "127.0.0.1", 7000, 1, 1);
        assertThat(own.target().host()).isEqualTo("198.51.100.7");
        assertThat(own.target().port()).isEqualTo(4000);
        AnswerDecision.Accepted hold = (AnswerDecision.Accepted) GuardDeskAnswerer.answer(
            offer("m=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n"), "127.0.0.1", 7000, 1, 1);
        assertThat(hold.target().send()).isFalse();
    }

    @Test
    void sessionVersionIsWritten() {
        AnswerDecision.Accepted a = (AnswerDecision.Accepted) GuardDeskAnswerer.answer(
            offer("m=audio 4000 RTP/AVP 0\r\n"), "127.0.0.1", 7000, 42, 3);
        assertThat(a.answerSdp()).contains("o=- 42 3 IN IP4 127.0.0.1");
    }
}
