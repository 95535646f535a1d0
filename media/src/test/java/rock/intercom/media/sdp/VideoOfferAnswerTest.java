package rock.intercom.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.VideoCalls;

/** The video m-line decision as a table: Video Calls × call direction × what the peer does. */
class VideoOfferAnswerTest {
    private static final LocalEndpoint DOOR = new LocalEndpoint("192.0.2.10", 40000, MediaDirection.SENDRECV, 40002);

    private static OfferAnswer negotiator(Encryption encryption, VideoCalls video, boolean outgoing) {
        AtomicInteger n = new AtomicInteger();
        return new OfferAnswer(new MediaPolicy(encryption, video, outgoing), suite -> {
            byte[] k = new byte[16 + suite.saltLength()];
            java.util.Arrays.fill(k, (byte) n.incrementAndGet());
            return SrtpMasterKey.fromConcatenated(k);
        });
    }

    /** baresip 1.0's offer with avcodec: H.264 in both modes (mode 0 first), H.263; crypto per m-line. */
    static final String BARESIP_OFFER = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-",
            "c=IN IP4 127.0.0.1", "t=0 0",
            "m=audio 7032 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:mt5FWSYFMBgulfW7e3nLQsv7fhGdz6+ZBOW0DX6q", "a=sendrecv",
            "m=video 9260 RTP/AVP 96 97 34", "b=AS:800", "a=rtpmap:96 H264/90000",
            "a=fmtp:96 packetization-mode=0;profile-level-id=42e01f", "a=rtpmap:97 H264/90000",
            "a=fmtp:97 packetization-mode=1;profile-level-id=42e01f", "a=rtpmap:34 H263/90000", "a=sendrecv",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:TWkpIKdZ+LwGKKgcvmBogrcLIaiB+Bgb5KhYstB+",
            "a=rtcp-fb:* nack pli", "") ;

    @ParameterizedTest(name = "Video Calls {0}, outgoing call {1} → offers video {2}, answers video {3}")
    @CsvSource({
        "OFF,           true,  false, false",
        "OFF,           false, false, false",
        "OUTGOING_ONLY, true,  true,  true",
        "OUTGOING_ONLY, false, false, false",
        "INCOMING_ONLY, true,  false, false",
        "INCOMING_ONLY, false, true,  true",
        "BOTH,          true,  true,  true",
        "BOTH,          false, true,  true",
    })
    void videoCallsByDirection(VideoCalls setting, boolean outgoing, boolean offers, boolean answers) {
        OfferAnswer oa = negotiator(Encryption.RTP_OPTIONAL_SRTP, setting, outgoing);
        LocalOffer offer = oa.createOffer(DOOR, 1, 1);
        assertThat(offer.sdp().media()).extracting(MediaDescription::media)
            .isEqualTo(offers ? List.of("audio", "video") : List.of("audio"));

        Negotiation.Agreed answer = (Negotiation.Agreed) oa.answerOffer(BARESIP_OFFER, DOOR, 1, 1);
        MediaDescription video = answer.answer().media().get(1);
        assertThat(video.port()).isEqualTo(answers ? 40002 : 0);
        assertThat(answer.video()).isInstanceOf(answers ? VideoOutcome.Agreed.class : VideoOutcome.None.class);
        if (!answers) {
            assertThat(answer.video()).isEqualTo(VideoOutcome.OFF);
        }
        assertThat(answer.media().remotePort()).isEqualTo(7032); // audio goes on either way
    }

    @Test
    void ourOfferIsH264Mode1ConstrainedBaselineWithFeedbackBandwidthAndItsOwnKeys() {
        LocalOffer offer = negotiator(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.BOTH, true).createOffer(DOOR, 1, 1);
        String sdp = offer.toSdp();
        assertThat(sdp).contains("m=video 40002 RTP/AVP 96\r\nb=AS:512\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1\r\na=rtcp-fb:* nack\r\na=rtcp-fb:* nack pli\r\n"
            + "a=rtcp-fb:* ccm fir\r\n");
        assertThat(offer.videoCrypto()).hasSameSizeAs(offer.offeredCrypto());
        for (int i = 0; i < offer.videoCrypto().size(); i++) {
            assertThat(offer.videoCrypto().get(i).key()).isNotEqualTo(offer.offeredCrypto().get(i).key());
        }
        MediaDescription parsed = SdpParser.parse(sdp).orNull().media().get(1);
        assertThat(parsed.applicationSpecificKbps()).isEqualTo(512);
        // SRTP_ONLY: video is RTP/SAVP like audio.
        assertThat(negotiator(Encryption.SRTP_ONLY, VideoCalls.BOTH, true).createOffer(DOOR, 1, 1).toSdp())
            .contains("m=video 40002 RTP/SAVP 96");
    }

    @Test
    void answeringBaresipTakesMode1AndTheVideoLinesKey() {
        Negotiation.Agreed a = (Negotiation.Agreed) negotiator(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.BOTH, false)
            .answerOffer(BARESIP_OFFER, DOOR, 1, 1);
        NegotiatedVideo v = ((VideoOutcome.Agreed) a.video()).video();
        assertThat(v.payloadType()).isEqualTo(97);
        assertThat(v.remotePort()).isEqualTo(9260);
        assertThat(v.bitrateKbps()).isEqualTo(512 * 85 / 100);
        assertThat(v.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(v.srtp()).isPresent();
        assertThat(v.srtp().get().remoteKey()).isNotEqualTo(a.media().srtp().get().remoteKey());
        String section = a.answer().toSdp().substring(a.answer().toSdp().indexOf("m=video"));
        assertThat(section).startsWith("m=video 40002 RTP/AVP 97\r\nb=AS:512\r\n")
            .contains("a=fmtp:97 profile-level-id=42e01f;packetization-mode=1", "a=crypto:1 AES_CM_128_HMAC_SHA1_80");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        only mode 0                    | m=video 9 RTP/AVP 96\\na=rtpmap:96 H264/90000\\na=fmtp:96 packetization-mode=0 | no H.264 packetization-mode 1
        no fmtp means mode 0           | m=video 9 RTP/AVP 96\\na=rtpmap:96 H264/90000                                 | no H.264 packetization-mode 1
        VP8 only                       | m=video 9 RTP/AVP 100\\na=rtpmap:100 VP8/90000                                | no H.264 packetization-mode 1
        garbage formats                | m=video 9 RTP/AVP x y\\na=fmtp:x ;;=;                                         | no H.264 packetization-mode 1
        SAVP without key               | m=video 9 RTP/SAVP 96\\na=rtpmap:96 H264/90000\\na=fmtp:96 packetization-mode=1 | no usable SRTP key for video
        other transport                | m=video 9 UDP/TLS/RTP/SAVPF 96\\na=rtpmap:96 H264/90000                       | unsupported transport UDP/TLS/RTP/SAVPF
        """)
    void unusableVideoIsRefusedAndAudioGoesOn(String name, String videoSection, String reason) {
        String offer = BARESIP_OFFER.substring(0, BARESIP_OFFER.indexOf("m=video"))
            + videoSection.replace("\\n", "\r\n") + "\r\n";
        Negotiation.Agreed a = (Negotiation.Agreed) negotiator(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.BOTH, false)
            .answerOffer(offer, DOOR, 1, 1);
        assertThat(a.video()).isEqualTo(new VideoOutcome.None(reason));
        assertThat(a.answer().media().get(1).port()).isZero();
        assertThat(a.media().remotePort()).isEqualTo(7032);
    }

    @Test
    void aPeerThatRefusesVideoKeepsTheAudioCall() {
        OfferAnswer oa = negotiator(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.BOTH, true);
        LocalOffer offer = oa.createOffer(DOOR, 1, 1);
        String answer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 7000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\nm=video 0 RTP/AVP 96\r\n";
        Negotiation.Agreed a = (Negotiation.Agreed) oa.acceptAnswer(offer, answer);
        assertThat(a.video()).isEqualTo(VideoOutcome.REFUSED);
        assertThat(a.media().remotePort()).isEqualTo(7000);
        // An old peer that drops the m-line altogether (RFC 3264 forbids it, some do it) is the same.
        String audioOnly = answer.substring(0, answer.indexOf("m=video"));
        assertThat(((Negotiation.Agreed) oa.acceptAnswer(offer, audioOnly)).video()).isEqualTo(VideoOutcome.REFUSED);
    }

    @Test
    void anAcceptedVideoAnswerGivesKeysAndTheBandwidthCap() {
        OfferAnswer oa = negotiator(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.BOTH, true);
        LocalOffer offer = oa.createOffer(DOOR, 1, 1);
        String answer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 7000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:mt5FWSYFMBgulfW7e3nLQsv7fhGdz6+ZBOW0DX6q\r\n"
            + "m=video 7002 RTP/AVP 96\r\nb=AS:200\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:TWkpIKdZ+LwGKKgcvmBogrcLIaiB+Bgb5KhYstB+\r\na=recvonly\r\n";
        Negotiation.Agreed a = (Negotiation.Agreed) oa.acceptAnswer(offer, answer);
        NegotiatedVideo v = ((VideoOutcome.Agreed) a.video()).video();
        assertThat(v.remotePort()).isEqualTo(7002);
        assertThat(v.bitrateKbps()).isEqualTo(200 * 85 / 100);
        assertThat(v.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(v.srtp().get().localKey()).isEqualTo(offer.videoCrypto().get(0).key());
        // The best-effort retry as RTP/SAVP switches the video line too, same keys.
        LocalOffer retry = oa.savpRetry(offer, 2).orElseThrow();
        assertThat(retry.toSdp()).contains("m=video 40002 RTP/SAVP 96\r\nb=AS:512\r\n");
        assertThat(retry.videoCrypto()).isEqualTo(offer.videoCrypto());
    }
}
