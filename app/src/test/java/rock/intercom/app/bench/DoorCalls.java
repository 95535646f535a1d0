package rock.intercom.app.bench;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rock.intercom.media.audio.NoSpeaker;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.sdp.MediaDirection;
import rock.intercom.media.sdp.NegotiatedMedia;
import rock.intercom.media.session.MediaSession;
import rock.intercom.media.session.MediaSessionOptions;
import rock.intercom.media.session.MediaListener;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpCryptoProvider;
import rock.intercom.media.srtp.SrtpKeys;
import rock.intercom.media.srtp.SrtpMasterKey;
import rock.intercom.testkit.FreePorts;

/**
 * The door side of the benchmark, run as its own JVM so that its CPU time is the door's alone:
 * N {@link MediaSession}s as a call gets them after offer/answer (PCMU, 20 ms, a 1 kHz tone as
 * microphone, no speaker; SRTP AES_CM_128_HMAC_SHA1_80 when asked), each sending to one sink port.
 * Prints {@value #READY} once every session runs, then runs them for the given seconds and exits.
 */
final class DoorCalls {
    static final String READY = "door calls running";

    private DoorCalls() {
    }

    /** Arguments: SECONDS srtp|rtp PORT[,PORT...]. */
    static void run(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(Integer.parseInt(args[0]));
        boolean srtp = "srtp".equals(args[1]);
        if (srtp) {
            SrtpCryptoProvider.warmUp(); // as the device does at start-up
        }
        int low = FreePorts.udpRun(400);
        RtpPortRange range = new RtpPortRange(low, low + 399);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // The sink never answers: keep the no-media watchdog out of the run.
        MediaSessionOptions options = new MediaSessionOptions(100, 100, duration.plusMinutes(1),
                MediaSessionOptions.DEFAULT_RTCP_INTERVAL, "door@127.0.0.1");
        List<MediaSession> sessions = new ArrayList<>();
        try {
            for (String port : args[2].split(",")) {
                Optional<SrtpKeys> keys = srtp ? Optional.of(new SrtpKeys(CryptoSuite.AES_CM_128_HMAC_SHA1_80,
                        SrtpMasterKey.random(CryptoSuite.AES_CM_128_HMAC_SHA1_80),
                        SrtpMasterKey.random(CryptoSuite.AES_CM_128_HMAC_SHA1_80))) : Optional.empty();
                NegotiatedMedia media = new NegotiatedMedia(loopback.getHostAddress(), Integer.parseInt(port),
                        Codec.PCMU, Codec.PCMU.payloadType(), 101, MediaDirection.SENDRECV, keys);
                MediaSession session = new MediaSession(range.bind(loopback), media, new ToneMicrophone(1000),
                        new NoSpeaker(), options, new MediaListener() { });
                sessions.add(session);
                session.start();
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(duration.toMillis());
            long sent = sessions.stream().mapToLong(s -> s.statistics().packetsSent()).sum();
            System.out.println("door packets sent: " + sent);
        } finally {
            sessions.forEach(MediaSession::close);
        }
    }
}
