package rock.intercom.portal.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rock.intercom.portal.Json;

/**
 * Turns the submitted Modify form into a settings document in the public shape. Form fields are
 * named by their document path. It only converts: numbers that are not numbers and an uploaded
 * file that is not a PEM certificate are reported here; every other rule is the device's.
 * A blank password is left out, so the stored one is kept.
 */
public final class SettingsFormReader {

    /** Largest CA certificate file accepted from the form. */
    public static final int MAX_PEM_BYTES = 64 * 1024;

    public static final String CA_FILE_FIELD = "caCertificateFile";
    public static final String CA_REMOVE_FIELD = "caCertificateRemove";
    /** A certificate uploaded with a rejected submit, carried in the re-shown form so it need not be chosen again. */
    public static final String CA_PENDING_FIELD = "caCertificatePending";
    public static final String CUSTOM_NAME_FIELD = "customConfiguration.name";
    public static final String CUSTOM_VALUE_FIELD = "customConfiguration.value";

    /** The document read from the form, and the errors found while reading it. */
    public record Reading(ObjectNode document, Map<String, String> errors) {
    }

    private final Map<String, List<String>> form;
    private final Map<String, String> errors = new LinkedHashMap<>();

    private SettingsFormReader(Map<String, List<String>> form) {
        this.form = form;
    }

    /**
     * @param uploadedPem the uploaded CA file's bytes, or null when none was chosen
     * @param current the device's current (redacted) view: supplies the device id and the stored certificate
     */
    public static Reading read(Map<String, List<String>> form, byte[] uploadedPem, JsonNode current) {
        return new SettingsFormReader(form).readAll(uploadedPem, current);
    }

    private Reading readAll(byte[] uploadedPem, JsonNode current) {
        ObjectNode doc = Json.object();
        ObjectNode device = doc.putObject("device");
        device.set("id", current.path("device").path("id").deepCopy());
        putText(device, "name", "device.name");

        ObjectNode sip = doc.putObject("sip");
        sip.put("enabled", checked("sip.enabled"));
        ObjectNode server = sip.putObject("server");
        putText(server, "address", "sip.server.address");
        putInt(server, "port", "sip.server.port");
        putText(server, "transport", "sip.server.transport");
        putInt(server, "pollingIntervalSeconds", "sip.server.pollingIntervalSeconds");
        readCertificate(server, uploadedPem, current.path("sip").path("server").path("caCertificatePem"));
        putText(sip, "encryption", "sip.encryption");

        ObjectNode identity = sip.putObject("identity");
        putText(identity, "authUsername", "sip.identity.authUsername");
        putPassword(identity, "sip.identity.authPassword");
        putText(identity, "displayName", "sip.identity.displayName");
        putText(identity, "extension", "sip.identity.extension");

        putText(sip, "callNumber", "sip.callNumber");
        putList(sip.putArray("fallbackNumbers"), "sip.fallbackNumbers");

        ObjectNode options = sip.putObject("callOptions");
        putInt(options, "microphoneVolume", "sip.callOptions.microphoneVolume");
        putInt(options, "speakerVolume", "sip.callOptions.speakerVolume");
        putInt(options, "callTimeoutSeconds", "sip.callOptions.callTimeoutSeconds");
        putText(options, "videoCalls", "sip.callOptions.videoCalls");
        readVideo(options);

        ObjectNode incoming = sip.putObject("incomingCalls");
        incoming.put("allow", checked("sip.incomingCalls.allow"));
        putText(incoming, "mode", "sip.incomingCalls.mode");
        putList(incoming.putArray("allowedCallers"), "sip.incomingCalls.allowedCallers");
        incoming.put("acceptDirectCalls", checked("sip.incomingCalls.acceptDirectCalls"));

        ObjectNode proxy = sip.putObject("proxy");
        proxy.put("enabled", checked("sip.proxy.enabled"));
        putText(proxy, "address", "sip.proxy.address");
        putInt(proxy, "port", "sip.proxy.port");
        putText(proxy, "authUsername", "sip.proxy.authUsername");
        putPassword(proxy, "sip.proxy.authPassword");

        readCustomConfiguration(doc.putObject("customConfiguration"));

        ObjectNode door = doc.putObject("door");
        ObjectNode release = door.putObject("release");
        release.put("enabled", checked("door.release.enabled"));
        putSecret(release, "dtmfCode", "door.release.dtmfCode");
        putInt(release, "pulseSeconds", "door.release.pulseSeconds");
        putList(release.putArray("during"), "door.release.during");
        putText(door, "callProgressTones", "door.callProgressTones");
        return new Reading(doc, Map.copyOf(errors));
    }

    /**
     * The video size and rate: all three empty leaves {@code video} out (the device's defaults);
     * otherwise all three go to the device, whose rules name each field that is wrong.
     */
    private void readVideo(ObjectNode options) {
        String prefix = "sip.callOptions.video.";
        List<String> keys = List.of("width", "height", "frameRate");
        if (keys.stream().allMatch(key -> text(prefix + key) == null)) {
            return;
        }
        ObjectNode video = options.putObject("video");
        for (String key : keys) {
            putInt(video, key, prefix + key);
        }
    }

    private void readCertificate(ObjectNode server, byte[] uploadedPem, JsonNode stored) {
        String path = "sip.server.caCertificatePem";
        String pending = text(CA_PENDING_FIELD);
        if ((uploadedPem == null || uploadedPem.length == 0) && pending != null && !checked(CA_REMOVE_FIELD)) {
            uploadedPem = pending.getBytes(StandardCharsets.US_ASCII);
        }
        if (uploadedPem != null && uploadedPem.length > 0) {
            if (uploadedPem.length > MAX_PEM_BYTES) {
                errors.put(path, "the certificate file is larger than " + MAX_PEM_BYTES / 1024 + " KB");
                return;
            }
            String pem = new String(uploadedPem, StandardCharsets.US_ASCII);
            String problem = certificateProblem(pem);
            if (problem != null) {
                errors.put(path, problem);
            } else {
                server.put("caCertificatePem", pem);
            }
        } else if (checked(CA_REMOVE_FIELD) || stored.isMissingNode() || stored.isNull()) {
            server.putNull("caCertificatePem");
        } else {
            server.set("caCertificatePem", stored.deepCopy());
        }
    }

    /** Null when the text holds at least one PEM X.509 certificate; otherwise why not. */
    static String certificateProblem(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return "not a PEM certificate: upload a .pem file that starts with -----BEGIN CERTIFICATE-----";
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.isEmpty() ? "the file holds no certificate" : null;
        } catch (CertificateException e) {
            return "the certificate cannot be read: " + e.getMessage();
        }
    }

    private void readCustomConfiguration(ObjectNode custom) {
        List<String> names = form.getOrDefault(CUSTOM_NAME_FIELD, List.of());
        List<String> values = form.getOrDefault(CUSTOM_VALUE_FIELD, List.of());
        for (int i = 0; i < Math.max(names.size(), values.size()); i++) {
            String name = i < names.size() ? names.get(i).trim() : "";
            String value = i < values.size() ? values.get(i) : "";
            if (name.isEmpty() && value.isBlank()) {
                continue;
            }
            if (name.isEmpty()) {
                errors.put("customConfiguration", "each custom configuration needs a parameter name");
            } else if (custom.has(name)) {
                errors.put("customConfiguration." + name, "the parameter " + name + " is given twice");
            } else {
                custom.put(name, value.trim());
            }
        }
    }

    private boolean checked(String field) {
        List<String> values = form.get(field);
        return values != null && !values.isEmpty() && !values.contains("false");
    }

    private String text(String field) {
        List<String> values = form.get(field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.get(0).trim();
        return value.isEmpty() ? null : value;
    }

    private void putText(ObjectNode node, String key, String field) {
        node.put(key, text(field));
    }

    private void putInt(ObjectNode node, String key, String field) {
        String value = text(field);
        if (value == null) {
            node.putNull(key);
            return;
        }
        try {
            node.put(key, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            errors.put(field, "must be a whole number");
            node.put(key, value);
        }
    }

    private void putPassword(ObjectNode node, String field) {
        putSecret(node, "authPassword", field);
    }

    /** A secret field left blank is left out, so the stored secret is kept. */
    private void putSecret(ObjectNode node, String key, String field) {
        List<String> values = form.get(field);
        if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
            node.put(key, values.get(0));
        }
    }

    private void putList(ArrayNode array, String field) {
        for (String value : form.getOrDefault(field, List.of())) {
            if (!value.isBlank()) {
                array.add(value.trim());
            }
        }
    }
}
