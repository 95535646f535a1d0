package rock.intercom.settings;

import java.security.cert.CertificateException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a whole settings document against the guide's rules and returns every problem at once,
 * keyed by field path. When SIP is disabled, values that are present are still checked but
 * nothing is required. Stateless and thread-safe.
 *
 * <p>Bounds (documented here because the guide only recommends values):
 * polling interval {@value #MIN_POLLING_SECONDS}–{@value #MAX_POLLING_SECONDS} s (guide: 30 s keeps overhead
 * low); call timeout {@value #MIN_CALL_TIMEOUT_SECONDS}–{@value #MAX_CALL_TIMEOUT_SECONDS} s (guide: 30–40 s);
 * volumes 0–100; at most {@value #MAX_FALLBACK_NUMBERS} fallback numbers and
 * {@value #MAX_ALLOWED_CALLERS} allowed callers; at most {@value #MAX_CUSTOM_ENTRIES} custom entries.
 */
public final class SettingsValidator {

    public static final int MIN_POLLING_SECONDS = 10;
    public static final int MAX_POLLING_SECONDS = 3600;
    public static final int MIN_CALL_TIMEOUT_SECONDS = 5;
    public static final int MAX_CALL_TIMEOUT_SECONDS = 300;
    public static final int MAX_FALLBACK_NUMBERS = 10;
    public static final int MAX_ALLOWED_CALLERS = 200;
    public static final int MAX_CUSTOM_ENTRIES = 100;
    public static final int MAX_TEXT_LENGTH = 64;
    public static final int MAX_PASSWORD_LENGTH = 256;
    public static final int MAX_CUSTOM_KEY_LENGTH = 128;
    public static final int MAX_CUSTOM_VALUE_LENGTH = 1024;
    public static final int MAX_PEM_LENGTH = 64 * 1024;

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern AUTH_USERNAME = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern CUSTOM_KEY = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String REQUIRED = "is required when SIP is enabled";

    /** Every problem in {@code settings}, empty when it is valid. */
    public ValidationErrors validate(DeviceSettings settings) {
        var errors = new ValidationErrors();
        if (settings == null) {
            return errors.add("document", "is required");
        }
        checkDevice(settings.device(), errors);
        checkSip(settings.sip(), errors);
        checkCustomConfiguration(settings.customConfiguration(), errors);
        DoorReleaseRules.check(settings.door().release(), errors);
        return errors;
    }

    /** Throws {@link SettingsRejected} with every problem when {@code settings} is invalid. */
    public void check(DeviceSettings settings) {
        validate(settings).throwIfAny();
    }

    private static void checkDevice(Device device, ValidationErrors errors) {
        if (device == null || device.id() == null || device.id().isBlank()) {
            errors.add("device.id", "is required");
        } else if (!DEVICE_ID.matcher(device.id()).matches()) {
            errors.add("device.id", "may contain only letters, digits, '.', '_' and '-' (at most 64)");
        }
        if (device != null) {
            plainText(device.name(), "device.name", errors);
        }
    }

    private static void checkSip(SipSettings sip, ValidationErrors errors) {
        if (sip == null) {
            errors.add("sip", "is required");
            return;
        }
        boolean required = sip.enabled();
        checkServer(sip.server(), required, errors);
        if (sip.encryption() == null && required) {
            errors.add("sip.encryption", REQUIRED);
        }
        checkIdentity(sip.identity(), required, errors);
        checkNumbers(sip, required, errors);
        checkCallOptions(sip.callOptions(), required, errors);
        checkIncomingCalls(sip.incomingCalls(), errors);
        checkProxy(sip.proxy(), errors);
    }

    private static void checkServer(SipServer server, boolean required, ValidationErrors errors) {
        if (server == null) {
            if (required) {
                errors.add("sip.server.address", REQUIRED).add("sip.server.transport", REQUIRED);
            }
            return;
        }
        host(server.address(), "sip.server.address", required, errors);
        port(server.port(), "sip.server.port", errors);
        if (server.transport() == null && required) {
            errors.add("sip.server.transport", REQUIRED);
        }
        Integer polling = server.pollingIntervalSeconds();
        if (polling != null && (polling < MIN_POLLING_SECONDS || polling > MAX_POLLING_SECONDS)) {
            errors.add("sip.server.pollingIntervalSeconds", "must be between " + MIN_POLLING_SECONDS + " and "
                    + MAX_POLLING_SECONDS + " seconds (30 is recommended)");
        }
        String pem = server.caCertificatePem();
        if (pem != null && !pem.isBlank()) {
            if (pem.length() > MAX_PEM_LENGTH) {
                errors.add("sip.server.caCertificatePem", "must be at most " + MAX_PEM_LENGTH + " characters");
            } else {
                try {
                    PemCertificates.parse(pem);
                } catch (CertificateException e) {
                    errors.add("sip.server.caCertificatePem", "is not a valid X.509 PEM certificate: " + e.getMessage());
                }
            }
        }
    }

    private static void checkIdentity(Identity identity, boolean required, ValidationErrors errors) {
        Identity id = identity == null ? new Identity(null, null, null, null) : identity;
        authUsername(id.authUsername(), "sip.identity.authUsername", required, errors);
        password(id.authPassword(), "sip.identity.authPassword", errors);
        plainText(id.displayName(), "sip.identity.displayName", errors);
        if (id.extension() == null || id.extension().isBlank()) {
            if (required) {
                errors.add("sip.identity.extension", REQUIRED);
            }
        } else {
            DialString.problem(id.extension()).ifPresent(problem -> errors.add("sip.identity.extension", problem));
        }
    }

    private static void checkNumbers(SipSettings sip, boolean required, ValidationErrors errors) {
        if (sip.callNumber() == null || sip.callNumber().isBlank()) {
            if (required) {
                errors.add("sip.callNumber", REQUIRED);
            }
        } else {
            DialString.problem(sip.callNumber()).ifPresent(problem -> errors.add("sip.callNumber", problem));
        }
        uniqueEntries(sip.fallbackNumbers(), "sip.fallbackNumbers", MAX_FALLBACK_NUMBERS, "numbers",
                number -> DialString.problem(number).or(() -> number.equals(sip.callNumber())
                        ? Optional.of("repeats the call number") : Optional.empty()), errors);
    }

    /**
     * A bounded list of distinct entries: at most {@code max} {@code noun}; each entry checked by
     * {@code problem} first, then refused when it repeats an earlier one.
     */
    private static void uniqueEntries(List<String> entries, String path, int max, String noun,
            Function<String, Optional<String>> problem, ValidationErrors errors) {
        if (entries.size() > max) {
            errors.add(path, "may hold at most " + max + " " + noun);
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < entries.size(); i++) {
            String entryPath = path + "[" + i + "]";
            Optional<String> refused = problem.apply(entries.get(i));
            if (refused.isPresent()) {
                errors.add(entryPath, refused.get());
            } else if (!seen.add(entries.get(i))) {
                errors.add(entryPath, "is listed twice");
            }
        }
    }

    private static void checkCallOptions(CallOptions options, boolean required, ValidationErrors errors) {
        if (options == null) {
            if (required) {
                errors.add("sip.callOptions", REQUIRED);
            }
            return;
        }
        volume(options.microphoneVolume(), "sip.callOptions.microphoneVolume", errors);
        volume(options.speakerVolume(), "sip.callOptions.speakerVolume", errors);
        int timeout = options.callTimeoutSeconds();
        if (timeout < MIN_CALL_TIMEOUT_SECONDS || timeout > MAX_CALL_TIMEOUT_SECONDS) {
            errors.add("sip.callOptions.callTimeoutSeconds", "must be between " + MIN_CALL_TIMEOUT_SECONDS + " and "
                    + MAX_CALL_TIMEOUT_SECONDS + " seconds (30-40 is recommended)");
        }
        if (options.videoCalls() == null && required) {
            errors.add("sip.callOptions.videoCalls", REQUIRED);
        }
        VideoOptions video = options.video();
        if (video != null) {
            evenWithin(video.width(), 160, 1920, "sip.callOptions.video.width", errors);
            evenWithin(video.height(), 120, 1080, "sip.callOptions.video.height", errors);
            if (video.frameRate() < 1 || video.frameRate() > 30) {
                errors.add("sip.callOptions.video.frameRate", "must be between 1 and 30 frames per second");
            }
        }
    }

    /** H.264 with 4:2:0 chroma needs even picture sizes. */
    private static void evenWithin(int pixels, int min, int max, String path, ValidationErrors errors) {
        if (pixels < min || pixels > max) {
            errors.add(path, "must be between " + min + " and " + max + " pixels");
        } else if (pixels % 2 != 0) {
            errors.add(path, "must be even (H.264 4:2:0)");
        }
    }

    private static void checkIncomingCalls(IncomingCalls incoming, ValidationErrors errors) {
        if (incoming == null) {
            return;
        }
        if (incoming.acceptDirectCalls() && incoming.mode() == IncomingCallMode.SIP_SERVER) {
            // Managed by SIP Server means the server alone decides; a direct call bypasses it.
            errors.add("sip.incomingCalls.acceptDirectCalls", "cannot be used with Managed by SIP Server");
        }
        uniqueEntries(incoming.allowedCallers(), "sip.incomingCalls.allowedCallers", MAX_ALLOWED_CALLERS, "entries",
                FullSipUrl::problem, errors);
    }

    private static void checkProxy(Proxy proxy, ValidationErrors errors) {
        if (proxy == null) {
            return;
        }
        // An enabled proxy needs an address; a disabled one is only checked for what it holds.
        host(proxy.address(), "sip.proxy.address", proxy.enabled(), errors);
        port(proxy.port(), "sip.proxy.port", errors);
        authUsername(proxy.authUsername(), "sip.proxy.authUsername", false, errors);
        password(proxy.authPassword(), "sip.proxy.authPassword", errors);
    }

    private static void checkCustomConfiguration(Map<String, String> custom, ValidationErrors errors) {
        if (custom.size() > MAX_CUSTOM_ENTRIES) {
            errors.add("customConfiguration", "may hold at most " + MAX_CUSTOM_ENTRIES + " entries");
        }
        custom.forEach((key, value) -> {
            String path = "customConfiguration." + key;
            if (key.length() > MAX_CUSTOM_KEY_LENGTH || !CUSTOM_KEY.matcher(key).matches()) {
                errors.add(path, "names may contain only letters, digits, '.', '_' and '-' (at most "
                        + MAX_CUSTOM_KEY_LENGTH + ")");
            } else if (value.length() > MAX_CUSTOM_VALUE_LENGTH) {
                errors.add(path, "must be at most " + MAX_CUSTOM_VALUE_LENGTH + " characters");
            } else if (key.equals(DeviceSettings.SERVER_CONTROLS_ALLOWED_CALLERS)
                    && !value.trim().equalsIgnoreCase("true") && !value.trim().equalsIgnoreCase("false")) {
                errors.add(path, "must be true or false");
            }
        });
    }

    private static void host(String address, String path, boolean required, ValidationErrors errors) {
        if (address == null || address.isBlank()) {
            if (required) {
                errors.add(path, "is required");
            }
        } else if (!HostAddress.isValid(address)) {
            errors.add(path, "must be an IP address or a domain name");
        }
    }

    private static void port(Integer port, String path, ValidationErrors errors) {
        if (port != null && (port < 1 || port > 65535)) {
            errors.add(path, "must be between 1 and 65535");
        }
    }

    private static void authUsername(String username, String path, boolean required, ValidationErrors errors) {
        if (username == null || username.isEmpty()) {
            if (required) {
                errors.add(path, REQUIRED);
            }
        } else if (username.length() > MAX_TEXT_LENGTH || !AUTH_USERNAME.matcher(username).matches()) {
            errors.add(path, "may contain only letters and digits (at most " + MAX_TEXT_LENGTH + ")");
        }
    }

    private static void password(String password, String path, ValidationErrors errors) {
        if (password != null && password.length() > MAX_PASSWORD_LENGTH) {
            errors.add(path, "must be at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    /** Free text shown to people or put in a SIP header: bounded, and nothing that could break a header. */
    private static void plainText(String text, String path, ValidationErrors errors) {
        if (text == null) {
            return;
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            errors.add(path, "must be at most " + MAX_TEXT_LENGTH + " characters");
        } else if (text.chars().anyMatch(c -> Character.isISOControl(c) || c == '"' || c == '\\')) {
            errors.add(path, "must not contain control characters, quotes or backslashes");
        }
    }

    private static void volume(int volume, String path, ValidationErrors errors) {
        if (volume < 0 || volume > 100) {
            errors.add(path, "must be between 0 and 100");
        }
    }
}
