package rock.intercom.sip.call;

import java.util.Optional;
import rock.intercom.call.media.AgreedMedia;
import rock.intercom.call.media.MediaProblem;
import rock.intercom.call.media.RemoteAnswer;
import rock.intercom.call.media.SdpAnswer;
import rock.intercom.call.media.SdpOffer;
import rock.intercom.call.media.SessionDescriptions;

/**
 * A minimal {@link SessionDescriptions} for the signalling tests: one PCMU audio stream on a fixed
 * port, no RTP actually flowing. Answers mirror hold (sendonly → recvonly, inactive → inactive,
 * RFC 3264 §6.1); an offer without PCMU is refused with 488, text that is not SDP with 400. Keeps
 * the digits that arrive in SIP INFO; after a 488 it retries once with the offer as RTP/SAVP.
 */
final class FixedPcmuSdp implements SessionDescriptions {

    static final int AUDIO_PORT = 40000;

    /** What every usable exchange here agrees on. */
    static final AgreedMedia PCMU = new AgreedMedia("RTP", "PCMU");

    /** Digits handed over from SIP INFO, as "Call-ID:digit". */
    final java.util.List<String> infoDigits = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.util.Set<String> retried = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** While set, no offer can be made, as when every RTP port is taken. */
    volatile boolean noRtpPort;

    @Override
    public SdpOffer offer(String callId) {
        if (noRtpPort) {
            return new MediaProblem("no RTP port for the call: no free RTP port pair");
        }
        return new SdpOffer.Offer(sdp("sendrecv"));
    }

    @Override
    public SdpAnswer answer(String callId, String remoteOffer) {
        if (!remoteOffer.startsWith("v=0") || !remoteOffer.contains("\nm=")) {
            return SdpAnswer.Refusal.malformed("no v=0 line or no media line");
        }
        boolean pcmu = remoteOffer.lines().anyMatch(line -> line.startsWith("m=audio ")
                && java.util.Arrays.asList(line.split(" ")).subList(3, line.split(" ").length).contains("0"));
        if (!pcmu) {
            return SdpAnswer.Refusal.notAcceptable("no common audio codec (PCMU wanted)");
        }
        if (remoteOffer.contains("a=sendonly")) {
            return new SdpAnswer.Answer(sdp("recvonly"), PCMU);
        }
        if (remoteOffer.contains("a=inactive")) {
            return new SdpAnswer.Answer(sdp("inactive"), PCMU);
        }
        return new SdpAnswer.Answer(sdp("sendrecv"), PCMU);
    }

    @Override
    public RemoteAnswer accepted(String callId, String remoteAnswer) {
        return remoteAnswer.contains("m=audio") ? new RemoteAnswer.Usable(PCMU)
                : new MediaProblem("answer has no audio stream");
    }

    /** Like a best-effort SRTP offer: after a 488 the "same" offer once more, as RTP/SAVP. */
    @Override
    public Optional<String> retryOffer(String callId, int status) {
        if (status != 488 || !retried.add(callId)) {
            return Optional.empty();
        }
        return Optional.of(sdp("sendrecv").replace("RTP/AVP", "RTP/SAVP"));
    }

    @Override
    public void infoDigit(String callId, char digit) {
        infoDigits.add(callId + ":" + digit);
    }

    private static String sdp(String direction) {
        return "v=0\r\no=door 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + AUDIO_PORT + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=" + direction + "\r\n";
    }
}
