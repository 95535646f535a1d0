package rock.intercom.app.audio;

import java.util.List;
import java.util.Map;
import rock.intercom.settings.CallOptions;
import rock.intercom.settings.Device;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.Encryption;
import rock.intercom.settings.Identity;
import rock.intercom.settings.SipServer;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;
import rock.intercom.settings.VideoCalls;

/** Device settings for the audio tests: a door calling 2001 on a server at 127.0.0.1:{@code port}. */
final class AudioTestSettings {
    private AudioTestSettings() {
    }

    static DeviceSettings of(Encryption encryption, int microphoneVolume, int speakerVolume, int serverPort,
            Map<String, String> custom) {
        SipSettings sip = new SipSettings(true, new SipServer("127.0.0.1", serverPort, Transport.UDP, 30, null),
                encryption, new Identity("100", "door-secret-100", "Front Door", "100"), "2001", List.of(),
                new CallOptions(microphoneVolume, speakerVolume, 35, VideoCalls.OFF), null, null);
        return new DeviceSettings(new Device("door-1", "Front door"), sip, custom);
    }

    static DeviceSettings of(Encryption encryption) {
        return of(encryption, 100, 100, 5060, Map.of());
    }
}
