package rock.intercom.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.media.ParseResult;

class SdpParserTest {

    static String resource(String name) throws IOException {
        try (InputStream in = SdpParserTest.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void parsesABaresipStyleOffer() throws IOException {
        SessionDescription sd = SdpParser.parse(resource("baresip-offer.sdp")).orNull();
        assertThat(sd).isNotNull();
        assertThat(sd.sessionVersion()).isEqualTo(3414);
        assertThat(sd.connectionAddress()).isEqualTo("127.0.0.1");
        assertThat(sd.media()).extracting(MediaDescription::media).containsExactly("audio", "video");
        MediaDescription audio = sd.media().get(0);
        assertThat(audio.port()).isEqualTo(10020);
        assertThat(audio.formats()).containsExactly("9", "0", "8", "101");
        assertThat(audio.attributeValues("rtpmap")).hasSize(4);
        assertThat(audio.hasProperty("sendrecv")).isTrue();
        assertThat(sd.connectionAddressOf(audio)).isEqualTo("127.0.0.1");
    }

    @Test
    void writtenSdpParsesBackToTheSameModel() {
        SessionDescription sd = new SessionDescription("rock-intercom", "42", 7, "192.0.2.1", "Rock Intercom",
            "192.0.2.1", List.of(SdpAttribute.property("sendrecv")),
            List.of(new MediaDescription("audio", 4000, "RTP/SAVP", List.of("0", "101"), "192.0.2.9",
                List.of(SdpAttribute.of("rtpmap", "0 PCMU/8000"), SdpAttribute.of("ptime", "20"),
                    SdpAttribute.property("recvonly"))),
                new MediaDescription("video", 0, "RTP/AVP", List.of("96"), null, List.of())));
        String text = sd.toSdp();
        assertThat(text).startsWith("v=0\r\no=rock-intercom 42 7 IN IP4 192.0.2.1\r\ns=Rock Intercom\r\n");
        assertThat(SdpParser.parse(text).orNull()).isEqualTo(sd);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty                  | ''
        not SDP                | hello world
        missing version        | o=- 1 1 IN IP4 1.2.3.4\\ns=-\\nt=0 0
        wrong version          | v=1\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nt=0 0
        missing origin         | v=0\\ns=-\\nt=0 0
        bad origin             | v=0\\no=- 1 IN IP4 1.2.3.4\\ns=-\\nt=0 0
        bad origin version     | v=0\\no=- 1 x IN IP4 1.2.3.4\\ns=-\\nt=0 0
        missing session name   | v=0\\no=- 1 1 IN IP4 1.2.3.4\\nt=0 0
        missing timing         | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-
        line without equals    | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nt=0 0\\nm audio
        unknown line type      | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nt=0 0\\nx=1
        bad connection         | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nc=IN IPX 1.2.3.4\\nt=0 0
        short media line       | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nc=IN IP4 1.2.3.4\\nt=0 0\\nm=audio 4000 RTP/AVP
        non-numeric port       | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nc=IN IP4 1.2.3.4\\nt=0 0\\nm=audio x RTP/AVP 0
        port out of range      | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nc=IN IP4 1.2.3.4\\nt=0 0\\nm=audio 70000 RTP/AVP 0
        media without address  | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nt=0 0\\nm=audio 4000 RTP/AVP 0
        empty attribute        | v=0\\no=- 1 1 IN IP4 1.2.3.4\\ns=-\\nc=IN IP4 1.2.3.4\\nt=0 0\\na=
        """)
    void rejectsMalformedSdp(String name, String text) {
        assertThat(SdpParser.parse(text.replace("\\n", "\r\n"))).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void rejectsOversizedBodies() {
        String huge = "v=0\r\n" + "a=x\r\n".repeat(SdpParser.MAX_LENGTH / 5 + 1);
        assertThat(SdpParser.parse(huge)).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void mutatedSdpNeverThrows() throws IOException {
        String base = resource("baresip-offer.sdp");
        Random r = new Random(3);
        for (int i = 0; i < 5000; i++) {
            char[] chars = base.toCharArray();
            for (int k = 0; k < 1 + r.nextInt(5); k++) {
                chars[r.nextInt(chars.length)] = (char) (32 + r.nextInt(95));
            }
            assertThat(SdpParser.parse(new String(chars))).isNotNull();
        }
    }
}
