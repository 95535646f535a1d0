package rock.intercom.settings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns {@link DeviceSettings} into the document tree, in the contract's field order. The full
 * tree holds passwords (it is what the config file stores); {@link #redacted} replaces each with
 * {@code authPasswordSet} and adds the read-only {@code incomingCalls.effectiveMode}. Stateless and thread-safe.
 */
final class SettingsWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    ObjectNode full(DeviceSettings settings) {
        return write(settings, false);
    }

    /** The API view: no password text anywhere, only whether one is stored. */
    ObjectNode redacted(DeviceSettings settings) {
        return write(settings, true);
    }

    private static ObjectNode write(DeviceSettings settings, boolean redact) {
        ObjectNode root = NODES.objectNode();
        Device device = settings.device();
        if (device != null) {
            root.putObject("device").put("id", device.id()).put("name", device.name());
        }
        if (settings.sip() != null) {
            writeSip(settings.sip(), root.putObject("sip"), redact);
            if (redact && root.path("sip").get("incomingCalls") instanceof ObjectNode incoming) {
                // Read-only: which mode is in force once the v3.6.3 custom parameter is taken into account.
                incoming.put(SettingsReader.EFFECTIVE_MODE, settings.effectiveIncomingCallMode().name());
            }
        }
        ObjectNode custom = root.putObject("customConfiguration");
        settings.customConfiguration().forEach(custom::put);
        writeDoor(settings.door(), root.putObject("door"), redact);
        return root;
    }

    private static void writeSip(SipSettings sip, ObjectNode node, boolean redact) {
        node.put("enabled", sip.enabled());
        SipServer server = sip.server();
        if (server != null) {
            node.putObject("server")
                    .put("address", server.address())
                    .put("port", server.port())
                    .put("transport", name(server.transport()))
                    .put("pollingIntervalSeconds", server.pollingIntervalSeconds())
                    .put("caCertificatePem", server.caCertificatePem());
        }
        node.put("encryption", name(sip.encryption()));
        Identity identity = sip.identity();
        if (identity != null) {
            ObjectNode id = node.putObject("identity").put("authUsername", identity.authUsername());
            password(id, identity.authPassword(), redact);
            id.put("displayName", identity.displayName()).put("extension", identity.extension());
        }
        node.put("callNumber", sip.callNumber());
        sip.fallbackNumbers().forEach(node.putArray("fallbackNumbers")::add);
        CallOptions options = sip.callOptions();
        if (options != null) {
            node.putObject("callOptions")
                    .put("microphoneVolume", options.microphoneVolume())
                    .put("speakerVolume", options.speakerVolume())
                    .put("callTimeoutSeconds", options.callTimeoutSeconds())
                    .put("videoCalls", name(options.videoCalls()));
            if (options.video() != null) {
                VideoOptions video = options.video();
                ((ObjectNode) node.get("callOptions")).putObject("video").put("width", video.width())
                        .put("height", video.height()).put("frameRate", video.frameRate());
            }
        }
        IncomingCalls incoming = sip.incomingCalls();
        if (incoming != null) {
            ObjectNode in = node.putObject("incomingCalls").put("allow", incoming.allow()).put("mode", name(incoming.mode()));
            incoming.allowedCallers().forEach(in.putArray("allowedCallers")::add);
            in.put("acceptDirectCalls", incoming.acceptDirectCalls());
        }
        Proxy proxy = sip.proxy();
        if (proxy != null) {
            ObjectNode px = node.putObject("proxy").put("enabled", proxy.enabled()).put("address", proxy.address())
                    .put("port", proxy.port()).put("authUsername", proxy.authUsername());
            password(px, proxy.authPassword(), redact);
        }
    }

    private static void writeDoor(DoorSettings door, ObjectNode node, boolean redact) {
        DoorRelease release = door.release();
        ObjectNode rel = node.putObject("release").put("enabled", release.enabled());
        if (redact) {
            rel.put(SettingsReader.CODE_SET, release.codeSet());
        } else {
            rel.put("dtmfCode", release.dtmfCode());
        }
        rel.put("pulseSeconds", release.pulseSeconds());
        var during = rel.putArray("during");
        release.during().forEach(when -> during.add(when.name()));
        node.put("callProgressTones", name(door.callProgressTones()));
    }

    private static void password(ObjectNode node, String password, boolean redact) {
        if (redact) {
            node.put(SettingsReader.PASSWORD_SET, password != null && !password.isEmpty());
        } else {
            node.put("authPassword", password);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
