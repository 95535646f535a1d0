package rock.intercom.media.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import rock.intercom.media.rtp.RtcpReport;
import rock.intercom.media.rtp.RtpPacket;
import rock.intercom.media.rtp.TelephoneEvent;
import rock.intercom.media.sdp.LocalEndpoint;
import rock.intercom.media.sdp.MediaPolicy;
import rock.intercom.media.sdp.OfferAnswer;
import rock.intercom.media.sdp.SdpParser;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpContext;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.VideoCalls;

/**
 * Fuzz targets of what the door reads from the network besides SIP: SDP (parse, and answer an
 * offer under each policy), RTP, RTCP, RFC 4733 events and SRTP/SRTCP unprotect. Each must
 * return a result (parsed or malformed) for any input, never throw. In the suite they replay
 * their seed corpus ({@code MediaParsersFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes.
 */
class MediaParsersFuzzTest {

    private static final LocalEndpoint LOCAL = LocalEndpoint.audio("127.0.0.1", 40000);
    private static final byte[] KEY = new byte[30];

    @FuzzTest(maxDuration = "30s")
    void sdpOffersAreAnsweredOrRefused(FuzzedDataProvider data) {
        Encryption encryption = data.pickValue(Encryption.values());
        VideoCalls video = data.pickValue(VideoCalls.values());
        String sdp = data.consumeRemainingAsString();
        assertThat(SdpParser.parse(sdp)).isNotNull();
        assertThat(new OfferAnswer(new MediaPolicy(encryption, video, false)).answerOffer(sdp, LOCAL, 1, 1))
                .isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void rtpAndRtcpPacketsParseOrAreMalformed(byte[] packet) {
        assertThat(RtpPacket.parse(packet, 0, packet.length)).isNotNull();
        assertThat(RtcpReport.parse(packet, 0, packet.length)).isNotNull();
        assertThat(TelephoneEvent.parse(packet)).isNotNull();
        // Video feedback (PLI/FIR, generic NACK): nothing or what the packet asks, never more than the bound.
        assertThat(rock.intercom.media.video.RtcpFeedback.keyFrameRequests(packet, 0, packet.length, 0)).isNotNull();
        assertThat(rock.intercom.media.video.RtcpFeedback.nackedSequences(packet, 0, packet.length, 0, 64).size())
                .isLessThanOrEqualTo(64);
    }

    @FuzzTest(maxDuration = "30s")
    void srtpUnprotectRefusesForgeries(FuzzedDataProvider data) {
        CryptoSuite suite = data.pickValue(CryptoSuite.values());
        boolean rtcp = data.consumeBoolean();
        byte[] packet = data.consumeRemainingAsBytes();
        byte[] key = new byte[CryptoSuite.KEY_LENGTH + suite.saltLength()];
        System.arraycopy(KEY, 0, key, 0, Math.min(KEY.length, key.length));
        try (SrtpContext context = SrtpContext.forReceiving(suite, SrtpMasterKey.fromConcatenated(key))) {
            assertThat(rtcp ? context.unprotectRtcp(packet, 0, packet.length)
                    : context.unprotectRtp(packet, 0, packet.length)).isNotNull();
        }
    }
}
