package rock.intercom.app.audio;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import rock.intercom.media.audio.AudioDevices;
import rock.intercom.media.audio.Microphone;
import rock.intercom.media.audio.Speaker;
import rock.intercom.media.session.RtpPortRange;

/**
 * The device's audio I/O as chosen on the command line: a fresh microphone and speaker per call
 * (they are opened and closed with the call's media), the RTP port range, and notices for the
 * operator (e.g. "no sound card: microphone uses tone:440") to print at start-up.
 *
 * @param microphones  makes the microphone of one call
 * @param speakers     makes the speaker of one call
 * @param rtpPorts     where each call binds its RTP/RTCP pair
 * @param microphone   the microphone spec in force, e.g. {@code tone:440}
 * @param speaker      the speaker spec in force, e.g. {@code none}
 * @param notices      one-line messages about fallbacks, empty when everything was as asked
 */
public record AudioSetup(Supplier<Microphone> microphones, Supplier<Speaker> speakers, RtpPortRange rtpPorts,
        String microphone, String speaker, List<String> notices) {

    public AudioSetup {
        Objects.requireNonNull(microphones, "microphones");
        Objects.requireNonNull(speakers, "speakers");
        Objects.requireNonNull(rtpPorts, "rtpPorts");
        Objects.requireNonNull(microphone, "microphone");
        Objects.requireNonNull(speaker, "speaker");
        notices = List.copyOf(notices);
    }

    /** The devices named by specs already checked, e.g. {@code tone:440} and {@code none}, without notices. */
    public static AudioSetup of(String microphone, String speaker, RtpPortRange rtpPorts) {
        return of(microphone, speaker, rtpPorts, List.of());
    }

    static AudioSetup of(String microphone, String speaker, RtpPortRange rtpPorts, List<String> notices) {
        return new AudioSetup(() -> AudioDevices.microphone(microphone), () -> AudioDevices.speaker(speaker), rtpPorts,
                microphone, speaker, notices);
    }
}
