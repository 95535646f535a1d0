package rock.intercom.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.VideoCalls;

class OfferAnswerTest {
    private static final LocalEndpoint DOOR = LocalEndpoint.audio("192.0.2.10", 40000);
    private static final String KEY_A = base64Key(0xA0);
    private static final String KEY_B = base64Key(0xB0);

    private static String base64Key(int seed) {
        byte[] k = new byte[30];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + i);
        }
        return Base64.getEncoder().encodeToString(k);
    }

    /** Deterministic keys: 0x01.., 0x02.., so answers can be checked byte for byte. */
    private static OfferAnswer negotiator(Encryption encryption, VideoCalls video, boolean outgoing) {
        AtomicInteger n = new AtomicInteger();
        return new OfferAnswer(new MediaPolicy(encryption, video, outgoing), suite -> {
            byte[] k = new byte[16 + suite.saltLength()];
            java.util.Arrays.fill(k, (byte) n.incrementAndGet());
            return SrtpMasterKey.fromConcatenated(k);
        });
    }

    /** An offer from a station: the crypto column lists suites by tag, "-" for none. */
    static String offer(String protocol, String formats, String crypto, String direction, String connection) {
        StringBuilder sb = new StringBuilder("v=0\r\no=station 1 1 IN IP4 198.51.100.7\r\ns=-\r\n");
        sb.append("c=IN IP4 ").append(connection).append("\r\nt=0 0\r\n");
        sb.append("m=audio 30000 ").append(protocol).append(' ').append(formats.replace('/', ' ')).append("\r\n");
        sb.append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:9 G722/8000\r\n");
        sb.append("a=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-16\r\n");
        if (!crypto.equals("-")) {
            String[] suites = crypto.split("/");
            for (int i = 0; i < suites.length; i++) {
                sb.append("a=crypto:").append(i + 1).append(' ').append(suites[i]).append(" inline:")
                    .append(i == 0 ? KEY_A : KEY_B).append("\r\n");
            }
        }
        if (!direction.equals("-")) {
            sb.append("a=").append(direction).append("\r\n");
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # name                                   | encryption        | proto    | formats     | crypto                                                   | dir      | conn         | outcome                        | status | codec | dtmf | answerDir
        plain offer, optional                    | RTP_OPTIONAL_SRTP | RTP/AVP  | 0/8/96      | -                                                        | -        | 198.51.100.7 | RTP                            | 0      | PCMU  | 96   | sendrecv
        plain offer, srtp-only                   | SRTP_ONLY         | RTP/AVP  | 0/8/96      | -                                                        | -        | 198.51.100.7 | remote does not support SRTP   | 488    | -     | 0    | -
        SAVP 80, optional                        | RTP_OPTIONAL_SRTP | RTP/SAVP | 8/0/96      | AES_CM_128_HMAC_SHA1_80                                  | sendrecv | 198.51.100.7 | SRTP AES_CM_128_HMAC_SHA1_80   | 0      | PCMA  | 96   | sendrecv
        SAVP 80, srtp-only                       | SRTP_ONLY         | RTP/SAVP | 0/96        | AES_CM_128_HMAC_SHA1_80                                  | sendrecv | 198.51.100.7 | SRTP AES_CM_128_HMAC_SHA1_80   | 0      | PCMU  | 96   | sendrecv
        SAVP 32 first, srtp-only                 | SRTP_ONLY         | RTP/SAVP | 0           | AES_CM_128_HMAC_SHA1_32/AES_CM_128_HMAC_SHA1_80          | -        | 198.51.100.7 | SRTP AES_CM_128_HMAC_SHA1_32   | 0      | PCMU  | -1   | sendrecv
        AVP with crypto, srtp-only               | SRTP_ONLY         | RTP/AVP  | 0/96        | AES_CM_128_HMAC_SHA1_80                                  | -        | 198.51.100.7 | SRTP AES_CM_128_HMAC_SHA1_80   | 0      | PCMU  | 96   | sendrecv
        AVP with crypto, optional                | RTP_OPTIONAL_SRTP | RTP/AVP  | 0/96        | AES_CM_128_HMAC_SHA1_80                                  | -        | 198.51.100.7 | SRTP AES_CM_128_HMAC_SHA1_80   | 0      | PCMU  | 96   | sendrecv
        unknown suite skipped                    | SRTP_ONLY         | RTP/SAVP | 0           | AEAD_AES_256_GCM/AES_CM_128_HMAC_SHA1_80                 | -        | 198.51.100.7 | SRTP AES_CM_128_HMAC_SHA1_80   | 0      | PCMU  | -1   | sendrecv
        SAVP with only unknown suite, optional   | RTP_OPTIONAL_SRTP | RTP/SAVP | 0           | F8_128_HMAC_SHA1_80                                      | -        | 198.51.100.7 | remote does not support SRTP   | 488    | -     | 0    | -
        SAVP without crypto, optional            | RTP_OPTIONAL_SRTP | RTP/SAVP | 0           | -                                                        | -        | 198.51.100.7 | remote does not support SRTP   | 488    | -     | 0    | -
        G722 first in offer                      | RTP_OPTIONAL_SRTP | RTP/AVP  | 9/0/8       | -                                                        | -        | 198.51.100.7 | RTP                            | 0      | G722  | -1   | sendrecv
        G722 last in offer is still preferred    | RTP_OPTIONAL_SRTP | RTP/AVP  | 8/0/9/96    | -                                                        | -        | 198.51.100.7 | RTP                            | 0      | G722  | 96   | sendrecv
        no common codec                          | RTP_OPTIONAL_SRTP | RTP/AVP  | 18/96       | -                                                        | -        | 198.51.100.7 | offer has none of G722, PCMU, PCMA | 488 | -     | 0    | -
        DTLS transport refused                   | RTP_OPTIONAL_SRTP | UDP/TLS/RTP/SAVP | 0   | -                                                        | -        | 198.51.100.7 | unsupported transport UDP/TLS/RTP/SAVP | 488 | - | 0 | -
        hold sendonly → recvonly                 | RTP_OPTIONAL_SRTP | RTP/AVP  | 0           | -                                                        | sendonly | 198.51.100.7 | RTP                            | 0      | PCMU  | -1   | recvonly
        peer recvonly → sendonly                 | RTP_OPTIONAL_SRTP | RTP/AVP  | 0           | -                                                        | recvonly | 198.51.100.7 | RTP                            | 0      | PCMU  | -1   | sendonly
        inactive → inactive                      | RTP_OPTIONAL_SRTP | RTP/AVP  | 0           | -                                                        | inactive | 198.51.100.7 | RTP                            | 0      | PCMU  | -1   | inactive
        legacy hold c=0.0.0.0                    | RTP_OPTIONAL_SRTP | RTP/AVP  | 0           | -                                                        | -        | 0.0.0.0      | RTP                            | 0      | PCMU  | -1   | recvonly
        bad crypto key                           | RTP_OPTIONAL_SRTP | RTP/SAVP | 0           | AES_CM_128_HMAC_SHA1_80                                  | -        | 198.51.100.7 | BADKEY                         | 400    | -     | 0    | -
        """)
    void answersOffers(String name, Encryption encryption, String proto, String formats, String crypto, String dir,
                       String conn, String outcome, int status, String codec, int dtmf, String answerDir) {
        String offer = offer(proto, formats, crypto, dir, conn);
        if (outcome.equals("BADKEY")) {
            offer = offer.replace(KEY_A, "not*base64");
        }
        Negotiation n = negotiator(encryption, VideoCalls.OFF, false).answerOffer(offer, DOOR, 5, 1);
        if (status != 0) {
            assertThat(n).isInstanceOf(Negotiation.Failed.class);
            SdpFailure f = ((Negotiation.Failed) n).failure();
            assertThat(f.sipStatus()).isEqualTo(status);
            if (status == 488) {
                assertThat(f.reason()).isEqualTo(outcome);
            }
            return;
        }
        assertThat(n).isInstanceOf(Negotiation.Agreed.class);
        Negotiation.Agreed a = (Negotiation.Agreed) n;
        NegotiatedMedia media = a.media();
        assertThat(media.securityLabel()).isEqualTo(outcome);
        assertThat(media.codec()).isEqualTo(Codec.valueOf(codec));
        assertThat(media.telephoneEventPayloadType()).isEqualTo(dtmf);
        assertThat(media.direction().attribute()).isEqualTo(answerDir);
        assertThat(media.remoteHost()).isEqualTo(conn);
        assertThat(media.remotePort()).isEqualTo(30000);

        // The answer text itself: same protocol, one codec (+ dtmf), our address and port, our direction.
        SessionDescription answer = SdpParser.parse(a.answer().toSdp()).orNull();
        MediaDescription m = answer.media().get(0);
        assertThat(m.protocol()).isEqualTo(proto);
        assertThat(m.port()).isEqualTo(40000);
        assertThat(answer.connectionAddressOf(m)).isEqualTo("192.0.2.10");
        assertThat(m.formats().get(0)).isEqualTo(Integer.toString(Codec.valueOf(codec).payloadType()));
        assertThat(m.hasProperty(answerDir)).isTrue();
        assertThat(m.attribute("ptime")).contains("20");
        if (media.srtp().isPresent()) {
            // RFC 4568 §7.1.2: one crypto line, the offer's tag and suite, our own key.
            assertThat(m.attributeValues("crypto")).hasSize(1);
            CryptoAttribute ours = CryptoAttribute.parse(m.attributeValues("crypto").get(0)).orNull().orElseThrow();
            assertThat(ours.suite()).isEqualTo(media.srtp().get().suite());
            assertThat(ours.key()).isEqualTo(media.srtp().get().localKey());
            assertThat(media.srtp().get().remoteKey().concatenated()).isNotEqualTo(ours.key().concatenated());
            int expectedTag = crypto.startsWith("AES") ? 1 : 2;
            assertThat(ours.tag()).isEqualTo(expectedTag);
        } else {
            assertThat(m.attributeValues("crypto")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # encryption      | expected protocol
        RTP_OPTIONAL_SRTP | RTP/AVP
        SRTP_ONLY         | RTP/SAVP
        """)
    void offersBothSuitesWithTheProtocolOfTheSetting(Encryption encryption, String protocol) {
        LocalOffer offer = negotiator(encryption, VideoCalls.BOTH, true).createOffer(DOOR, 77, 1);
        SessionDescription sd = SdpParser.parse(offer.toSdp()).orNull();
        MediaDescription m = sd.media().get(0);
        assertThat(sd.media()).hasSize(1);
        assertThat(m.protocol()).isEqualTo(protocol);
        assertThat(m.formats()).containsExactly("9", "0", "8", "101");
        assertThat(m.attributeValues("rtpmap")).containsExactly("9 G722/8000", "0 PCMU/8000", "8 PCMA/8000",
            "101 telephone-event/8000");
        assertThat(m.attributeValues("fmtp")).containsExactly("101 0-15");
        assertThat(m.attribute("ptime")).contains("20");
        assertThat(m.hasProperty("sendrecv")).isTrue();
        assertThat(m.attributeValues("crypto")).hasSize(3);
        assertThat(m.attributeValues("crypto").get(0)).startsWith("1 AES_CM_128_HMAC_SHA1_80 inline:");
        assertThat(m.attributeValues("crypto").get(1)).startsWith("2 AES_CM_128_HMAC_SHA1_32 inline:");
        assertThat(m.attributeValues("crypto").get(2)).startsWith("3 AEAD_AES_128_GCM inline:");
        assertThat(CryptoAttribute.parse(m.attributeValues("crypto").get(2)).orNull().orElseThrow().key().salt())
            .hasSize(12);
        assertThat(sd.connectionAddress()).isEqualTo("192.0.2.10");
        assertThat(m.port()).isEqualTo(40000);
    }

    static String answer(String protocol, String crypto, String formats, String direction, int port) {
        StringBuilder sb = new StringBuilder("v=0\r\no=station 1 2 IN IP4 198.51.100.7\r\ns=-\r\n"
            + "c=IN IP4 198.51.100.7\r\nt=0 0\r\n");
        sb.append("m=audio ").append(port).append(' ').append(protocol).append(' ')
            .append(formats.replace('/', ' ')).append("\r\n");
        sb.append("a=rtpmap:101 telephone-event/8000\r\n");
        if (!crypto.equals("-")) {
            sb.append("a=crypto:").append(crypto).append(" inline:").append(KEY_B).append("\r\n");
        }
        if (!direction.equals("-")) {
            sb.append("a=").append(direction).append("\r\n");
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # name                                | encryption        | proto    | crypto                       | formats  | dir      | port  | outcome                            | codec
        plain answer, optional                | RTP_OPTIONAL_SRTP | RTP/AVP  | -                            | 8/101    | -        | 30000 | RTP                                | PCMA
        plain answer, srtp-only               | SRTP_ONLY         | RTP/AVP  | -                            | 0/101    | -        | 30000 | remote does not support SRTP       | -
        SAVP answer without crypto, srtp-only | SRTP_ONLY         | RTP/SAVP | -                            | 0/101    | -        | 30000 | remote does not support SRTP       | -
        AVP + crypto tag 1, optional          | RTP_OPTIONAL_SRTP | RTP/AVP  | 1 AES_CM_128_HMAC_SHA1_80    | 0/101    | -        | 30000 | SRTP AES_CM_128_HMAC_SHA1_80       | PCMU
        SAVP + crypto tag 2, srtp-only        | SRTP_ONLY         | RTP/SAVP | 2 AES_CM_128_HMAC_SHA1_32    | 0/101    | -        | 30000 | SRTP AES_CM_128_HMAC_SHA1_32       | PCMU
        tag/suite mismatch, srtp-only         | SRTP_ONLY         | RTP/SAVP | 1 AES_CM_128_HMAC_SHA1_32    | 0/101    | -        | 30000 | remote does not support SRTP       | -
        unknown tag, srtp-only                | SRTP_ONLY         | RTP/SAVP | 9 AES_CM_128_HMAC_SHA1_80    | 0        | -        | 30000 | remote does not support SRTP       | -
        audio rejected                        | RTP_OPTIONAL_SRTP | RTP/AVP  | -                            | 0        | -        | 0     | remote rejected the audio stream   | -
        codec we never offered                | RTP_OPTIONAL_SRTP | RTP/AVP  | -                            | 18       | -        | 30000 | answer has none of our codecs      | -
        G722 answer                           | RTP_OPTIONAL_SRTP | RTP/AVP  | -                            | 9/101    | -        | 30000 | RTP                                | G722
        peer holds us (sendonly)              | RTP_OPTIONAL_SRTP | RTP/AVP  | -                            | 0        | sendonly | 30000 | RTP                                | PCMU
        """)
    void acceptsAnswers(String name, Encryption encryption, String proto, String crypto, String formats, String dir,
                        int port, String outcome, String codec) {
        OfferAnswer oa = negotiator(encryption, VideoCalls.OFF, true);
        LocalOffer offer = oa.createOffer(DOOR, 1, 1);
        Negotiation n = oa.acceptAnswer(offer, answer(proto, crypto, formats, dir, port));
        if (codec.equals("-")) {
            assertThat(n).isInstanceOf(Negotiation.Failed.class);
            assertThat(((Negotiation.Failed) n).failure().reason()).isEqualTo(outcome);
            assertThat(((Negotiation.Failed) n).failure().sipStatus()).isEqualTo(488);
            return;
        }
        NegotiatedMedia media = ((Negotiation.Agreed) n).media();
        assertThat(media.securityLabel()).isEqualTo(outcome);
        assertThat(media.codec()).isEqualTo(Codec.valueOf(codec));
        assertThat(media.remotePort()).isEqualTo(port);
        media.srtp().ifPresent(keys -> {
            int tag = Integer.parseInt(crypto.split(" ")[0]);
            assertThat(keys.localKey()).isEqualTo(offer.offeredCrypto().get(tag - 1).key());
            assertThat(keys.remoteKey().concatenated()).isEqualTo(Base64.getDecoder().decode(KEY_B));
        });
        assertThat(media.direction()).isEqualTo(dir.equals("sendonly") ? MediaDirection.RECVONLY : MediaDirection.SENDRECV);
    }

    @ParameterizedTest(name = "video {0}, outgoing={1}, video engine port {2} → video port {3}")
    @CsvSource({
        "OFF, false, 0, 0", "OFF, false, 50000, 0", "BOTH, false, 0, 0", "BOTH, false, 50000, 50000",
        "INCOMING_ONLY, false, 50000, 50000", "OUTGOING_ONLY, false, 50000, 0",
        "OUTGOING_ONLY, true, 50000, 50000", "INCOMING_ONLY, true, 50000, 0",
    })
    void videoFollowsVideoCallsAndDirection(VideoCalls video, boolean outgoing, int videoPort, int answeredPort) {
        String offer = offer("RTP/AVP", "0", "-", "-", "198.51.100.7")
            + "m=video 30002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\n";
        LocalEndpoint local = new LocalEndpoint("192.0.2.10", 40000, MediaDirection.SENDRECV, videoPort);
        Negotiation.Agreed a = (Negotiation.Agreed) negotiator(Encryption.RTP_OPTIONAL_SRTP, video, outgoing)
            .answerOffer(offer, local, 1, 1);
        SessionDescription answer = SdpParser.parse(a.answer().toSdp()).orNull();
        assertThat(answer.media()).extracting(MediaDescription::media).containsExactly("audio", "video");
        assertThat(answer.media().get(1).port()).isEqualTo(answeredPort);
        assertThat(answer.media().get(0).port()).isEqualTo(40000);
    }

    @Test
    void malformedOfferMapsTo400AndUnusableOfferTo488() {
        OfferAnswer oa = negotiator(Encryption.RTP_OPTIONAL_SRTP, VideoCalls.OFF, false);
        assertThat(((Negotiation.Failed) oa.answerOffer("garbage", DOOR, 1, 1)).failure().sipStatus()).isEqualTo(400);
        String videoOnly = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=video 4000 RTP/AVP 96\r\n";
        SdpFailure f = ((Negotiation.Failed) oa.answerOffer(videoOnly, DOOR, 1, 1)).failure();
        assertThat(f.sipStatus()).isEqualTo(488);
        assertThat(f.reason()).isEqualTo("offer has no audio stream");
        assertThat(((Negotiation.Failed) oa.acceptAnswer(oa.createOffer(DOOR, 1, 1), "v=0\r\n")).failure().sipStatus())
            .isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # name                                 | encryption        | refused offer | retried as
        best-effort offer becomes RTP/SAVP     | RTP_OPTIONAL_SRTP | created       | RTP/SAVP
        a refused RTP/SAVP retry is final      | RTP_OPTIONAL_SRTP | retried       | -
        SRTP_ONLY has nothing else to offer    | SRTP_ONLY         | created       | -
        an offer without crypto lines is final | RTP_OPTIONAL_SRTP | no crypto     | -
        """)
    void savpRetryAfterARefusedOffer(String name, Encryption encryption, String refused, String retriedAs) {
        OfferAnswer oa = negotiator(encryption, VideoCalls.OFF, true);
        LocalOffer first = oa.createOffer(DOOR, 77, 1);
        LocalOffer offer = switch (refused) {
            case "created" -> first;
            case "retried" -> oa.savpRetry(first, 2).orElseThrow();
            default -> new LocalOffer(first.sdp(), DOOR, java.util.List.of());
        };
        java.util.Optional<LocalOffer> retry = oa.savpRetry(offer, 3);
        if (retriedAs.equals("-")) {
            assertThat(retry).isEmpty();
            return;
        }
        SessionDescription sd = SdpParser.parse(retry.orElseThrow().toSdp()).orNull();
        MediaDescription was = first.sdp().media().get(0);
        MediaDescription m = sd.media().get(0);
        assertThat(m.protocol()).isEqualTo(retriedAs);
        assertThat(sd.sessionVersion()).isEqualTo(3);
        assertThat(sd.sessionId()).isEqualTo("77");
        assertThat(m.port()).isEqualTo(was.port());
        assertThat(m.formats()).isEqualTo(was.formats());
        assertThat(m.attributeValues("crypto")).isEqualTo(was.attributeValues("crypto"));
        assertThat(retry.get().offeredCrypto()).isEqualTo(first.offeredCrypto());
        // The SRTP-mandatory peer's answer to the retry gives SRTP with the keys of the first offer.
        NegotiatedMedia agreed = ((Negotiation.Agreed) oa.acceptAnswer(retry.get(),
            answer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80", "0/101", "-", 30000))).media();
        assertThat(agreed.srtp()).isPresent();
        assertThat(agreed.srtp().get().localKey()).isEqualTo(first.offeredCrypto().get(0).key());
    }

    @Test
    void keysNeverAppearInToString() {
        SrtpMasterKey k = SrtpMasterKey.fromConcatenated(HexFormat.of().parseHex("00".repeat(30)));
        assertThat(k.toString()).doesNotContain("00");
    }

    /** RFC 3264 §8.2: a re-offer whose audio has port 0 takes the stream away; the answer rejects every stream. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            audio on port 0                  | m=audio 0 RTP/AVP 0               | true
            audio and video on port 0        | m=audio 0 RTP/AVP 0\\nm=video 0 RTP/AVP 96 | true
            audio on a port                  | m=audio 7000 RTP/AVP 0            | false
            audio off, a second audio on     | m=audio 0 RTP/AVP 0\\nm=audio 7002 RTP/AVP 0 | false
            video only                       | m=video 0 RTP/AVP 96              | false
            """)
    void aReOfferWithoutAudioOnAPortIsAnsweredWithEveryStreamRejected(String name, String media, boolean removed) {
        String offer = "v=0\r\no=pbx 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + media.replace("\\n", "\r\n") + "\r\n";

        var answer = OfferAnswer.audioRemoved(offer, DOOR, 7, 3);

        assertThat(answer.isPresent()).isEqualTo(removed);
        answer.ifPresent(sdp -> assertThat(sdp).contains("m=audio 0 ").doesNotContain("m=audio 40000"));
    }

    @Test
    void somethingThatIsNotSdpRemovesNothing() {
        assertThat(OfferAnswer.audioRemoved("hello", DOOR, 7, 3)).isEmpty();
    }
}
