package rock.intercom.app.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import rock.intercom.settings.DeviceSettings;

/**
 * What the SIP trace must never hold: the settings' secrets (SIP and proxy passwords, the door
 * code), wherever they appear in a message, and the digits of DTMF sent by SIP INFO (the door code
 * travels that way). Digest responses stay: they are hashes, and Wireshark needs them to follow
 * an authentication. Pure.
 */
public final class SipTraceMask {

    static final String MASK = "********";
    /** Shorter secrets would mask unrelated text (a "1" in every Via); they are not realistic passwords. */
    static final int MIN_SECRET_LENGTH = 3;
    private static final Pattern DTMF_TYPE = Pattern.compile("(?im)^(content-type|c)\\s*:\\s*application/dtmf");

    private SipTraceMask() {
    }

    /** The secrets of {@code settings} worth masking. */
    public static List<String> secretsOf(DeviceSettings settings) {
        List<String> secrets = new ArrayList<>();
        if (settings.sip() != null) {
            if (settings.sip().identity() != null) {
                secrets.add(settings.sip().identity().authPassword());
            }
            if (settings.sip().proxy() != null) {
                secrets.add(settings.sip().proxy().authPassword());
            }
        }
        if (settings.door() != null && settings.door().release() != null) {
            secrets.add(settings.door().release().dtmfCode());
        }
        secrets.removeIf(s -> s == null || s.length() < MIN_SECRET_LENGTH);
        return secrets;
    }

    /** The message with every secret replaced by {@link #MASK} and an INFO's DTMF body withheld. */
    public static String mask(String message, List<String> secrets) {
        String masked = message;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        if (masked.regionMatches(true, 0, "INFO ", 0, 5) && DTMF_TYPE.matcher(headers(masked)).find()) {
            int body = masked.indexOf("\r\n\r\n");
            if (body >= 0 && body + 4 < masked.length()) {
                masked = masked.substring(0, body + 4) + "[DTMF digits withheld]";
            }
        }
        return masked;
    }

    private static String headers(String message) {
        int end = message.indexOf("\r\n\r\n");
        return (end < 0 ? message : message.substring(0, end)).toLowerCase(Locale.ROOT);
    }
}
