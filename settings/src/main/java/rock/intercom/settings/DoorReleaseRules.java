package rock.intercom.settings;

import java.util.regex.Pattern;

/**
 * Validation of {@code door.release}: a code of 1-{@value #MAX_CODE_LENGTH} DTMF digits
 * ({@code 0-9 * #}), required when release is enabled; a pulse of 1-{@value #MAX_PULSE_SECONDS}
 * seconds; at least one kind of call. Messages never repeat the code.
 */
final class DoorReleaseRules {

    static final int MAX_CODE_LENGTH = 8;
    static final int MAX_PULSE_SECONDS = 60;
    private static final Pattern CODE = Pattern.compile("[0-9*#]{1," + MAX_CODE_LENGTH + "}");

    private DoorReleaseRules() {
    }

    static void check(DoorRelease release, ValidationErrors errors) {
        if (release.codeSet() && !CODE.matcher(release.dtmfCode()).matches()) {
            errors.add("door.release.dtmfCode", "must be 1 to " + MAX_CODE_LENGTH + " of the DTMF digits 0-9, * and #");
        } else if (release.enabled() && !release.codeSet()) {
            errors.add("door.release.dtmfCode", "is required when door release is enabled");
        }
        int pulse = release.pulseSeconds();
        if (pulse < 1 || pulse > MAX_PULSE_SECONDS) {
            errors.add("door.release.pulseSeconds", "must be between 1 and " + MAX_PULSE_SECONDS + " seconds");
        }
        if (release.enabled() && release.during().isEmpty()) {
            errors.add("door.release.during", "must name INCOMING, OUTGOING or both when door release is enabled");
        }
    }
}
