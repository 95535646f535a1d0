package rock.intercom.settings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a parsed settings document (YAML or JSON tree) into {@link DeviceSettings}, collecting a
 * field-path error for every wrong type or unknown key. Left-out sections get safe values: SIP
 * off, incoming calls refused, no proxy, {@link CallOptions#DEFAULTS}. Stateless and thread-safe.
 */
final class SettingsReader {

    /** Read-only key of the redacted API view; accepted back so a fetched document can be sent again. */
    static final String PASSWORD_SET = "authPasswordSet";
    /** Read-only key of the redacted view in place of the door release code. */
    static final String CODE_SET = "dtmfCodeSet";
    /** Read-only key of the redacted view: the incoming-call mode in force; accepted back and ignored. */
    static final String EFFECTIVE_MODE = "effectiveMode";

    DeviceSettings read(JsonNode tree) {
        var errors = new ValidationErrors();
        DocumentNode root = DocumentNode.root(tree, errors);
        var settings = new DeviceSettings(device(root.object("device")), sip(root.object("sip")),
                root.textMap("customConfiguration"), door(root.object("door")));
        root.rejectUnknown();
        errors.throwIfAny();
        return settings;
    }

    private static DoorSettings door(DocumentNode node) {
        DocumentNode release = node.object("release");
        var door = new DoorSettings(
                new DoorRelease(orFalse(release.bool("enabled")), release.text("dtmfCode"), release.integer("pulseSeconds"),
                        release.choiceList("during", ReleaseDuring.class)),
                node.choice("callProgressTones", ToneRegion.class));
        release.rejectUnknown(CODE_SET);
        node.rejectUnknown();
        return door;
    }

    private static Device device(DocumentNode node) {
        var device = new Device(node.text("id"), node.text("name"));
        node.rejectUnknown();
        return device;
    }

    private static SipSettings sip(DocumentNode node) {
        var sip = new SipSettings(
                orFalse(node.bool("enabled")),
                server(node.object("server")),
                node.choice("encryption", Encryption.class),
                identity(node.object("identity")),
                node.text("callNumber"),
                node.textList("fallbackNumbers"),
                callOptions(node.object("callOptions")),
                incomingCalls(node.object("incomingCalls")),
                proxy(node.object("proxy")));
        node.rejectUnknown();
        return sip;
    }

    private static SipServer server(DocumentNode node) {
        var server = new SipServer(node.text("address"), node.integer("port"), node.choice("transport", Transport.class),
                node.integer("pollingIntervalSeconds"), node.text("caCertificatePem"));
        node.rejectUnknown();
        return server;
    }

    private static Identity identity(DocumentNode node) {
        var identity = new Identity(node.text("authUsername"), node.text("authPassword"), node.text("displayName"),
                node.text("extension"));
        node.rejectUnknown(PASSWORD_SET);
        return identity;
    }

    private static CallOptions callOptions(DocumentNode node) {
        CallOptions defaults = CallOptions.DEFAULTS;
        var options = new CallOptions(
                orDefault(node.integer("microphoneVolume"), defaults.microphoneVolume()),
                orDefault(node.integer("speakerVolume"), defaults.speakerVolume()),
                orDefault(node.integer("callTimeoutSeconds"), defaults.callTimeoutSeconds()),
                node.has("videoCalls") ? node.choice("videoCalls", VideoCalls.class) : defaults.videoCalls(),
                node.has("video") ? video(node.object("video")) : defaults.video());
        node.rejectUnknown();
        return options;
    }

    private static VideoOptions video(DocumentNode node) {
        VideoOptions defaults = VideoOptions.DEFAULTS;
        var video = new VideoOptions(orDefault(node.integer("width"), defaults.width()),
                orDefault(node.integer("height"), defaults.height()),
                orDefault(node.integer("frameRate"), defaults.frameRate()));
        node.rejectUnknown();
        return video;
    }

    private static IncomingCalls incomingCalls(DocumentNode node) {
        var incoming = new IncomingCalls(orFalse(node.bool("allow")), node.choice("mode", IncomingCallMode.class),
                node.textList("allowedCallers"), orFalse(node.bool("acceptDirectCalls")));
        node.rejectUnknown(EFFECTIVE_MODE);
        return incoming;
    }

    private static Proxy proxy(DocumentNode node) {
        var proxy = new Proxy(orFalse(node.bool("enabled")), node.text("address"), node.integer("port"),
                node.text("authUsername"), node.text("authPassword"));
        node.rejectUnknown(PASSWORD_SET);
        return proxy;
    }

    private static boolean orFalse(Boolean value) {
        return value != null && value;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
