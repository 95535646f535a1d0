package rock.intercom.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import rock.intercom.events.EventStore;
import rock.intercom.events.NewEvent;
import rock.intercom.events.SecurityEventName;

/**
 * A test double of one door device behind {@link DeviceControl}: keeps a settings document, checks
 * a few of the real rules (enough to produce field errors), keeps passwords when omitted, and on a
 * button press shows "Dialing …" and records the guide's Dialing event like the real device.
 */
final class TestDoor implements DeviceControl {

    private final String id;
    private final EventStore events;
    private final AtomicInteger presses = new AtomicInteger();
    private ObjectNode settings;
    private String screen = "Idle";
    private volatile RuntimeException statusFailure;

    TestDoor(String id, String name, EventStore events) {
        this.id = id;
        this.events = events;
        this.settings = (ObjectNode) Json.MAPPER.valueToTree(Map.of(
                "device", Map.of("id", id, "name", name),
                "sip", Map.of("enabled", false,
                        "server", new LinkedHashMap<>(Map.of("transport", "UDP", "pollingIntervalSeconds", 30)),
                        "encryption", "RTP_OPTIONAL_SRTP",
                        "identity", Map.of(),
                        "callNumber", "400",
                        "callOptions", Map.of("microphoneVolume", 80, "speakerVolume", 70,
                                "callTimeoutSeconds", 35, "videoCalls", "OFF"),
                        "incomingCalls", Map.of("allow", false),
                        "proxy", Map.of("enabled", false)),
                "customConfiguration", Map.of()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized String name() {
        return settings.path("device").path("name").asText();
    }

    @Override
    public synchronized ObjectNode settingsView() {
        ObjectNode view = settings.deepCopy();
        redact((ObjectNode) view.path("sip").path("identity"));
        redact((ObjectNode) view.path("sip").path("proxy"));
        return view;
    }

    private static void redact(ObjectNode node) {
        boolean set = node.hasNonNull("authPassword");
        node.remove("authPassword");
        node.put("authPasswordSet", set);
    }

    @Override
    public synchronized ApplyResult applySettings(JsonNode document) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!document.path("device").path("name").isTextual()) {
            errors.put("device.name", "required");
        }
        JsonNode sip = document.path("sip");
        if (!sip.path("enabled").isBoolean()) {
            errors.put("sip.enabled", "must be true or false");
        }
        if (sip.path("enabled").asBoolean() && !sip.path("server").path("address").isTextual()) {
            errors.put("sip.server.address", "required when SIP is enabled");
        }
        port(sip.path("server").path("port"), "sip.server.port", errors);
        port(sip.path("proxy").path("port"), "sip.proxy.port", errors);
        for (String volume : new String[] {"microphoneVolume", "speakerVolume"}) {
            JsonNode v = sip.path("callOptions").path(volume);
            if (!v.isMissingNode() && !v.isNull() && (!v.isInt() || v.asInt() < 0 || v.asInt() > 100)) {
                errors.put("sip.callOptions." + volume, "must be a whole number from 0 to 100");
            }
        }
        JsonNode callers = sip.path("incomingCalls").path("allowedCallers");
        for (int i = 0; i < callers.size(); i++) {
            if (!callers.get(i).asText().matches("sips?:[^@]+@.+")) {
                errors.put("sip.incomingCalls.allowedCallers[" + i + "]", "must be a full SIP URL such as sip:400@pbx");
            }
        }
        if (!errors.isEmpty()) {
            return ApplyResult.rejected(errors);
        }
        ObjectNode next = document.deepCopy();
        keepPassword(next, "identity");
        keepPassword(next, "proxy");
        settings = next;
        return ApplyResult.applied(settingsView());
    }

    private void keepPassword(ObjectNode next, String section) {
        JsonNode old = settings.path("sip").path(section).path("authPassword");
        ObjectNode target = next.with("sip").with(section);
        if (!target.hasNonNull("authPassword") && old.isTextual()) {
            target.put("authPassword", old.asText());
        }
        target.remove("authPasswordSet");
    }

    private static void port(JsonNode value, String path, Map<String, String> errors) {
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        if (!value.isInt()) {
            errors.put(path, "must be a whole number");
        } else if (value.asInt() < 1 || value.asInt() > 65535) {
            errors.put(path, "must be between 1 and 65535");
        }
    }

    /** Makes {@link #status()} throw, as a broken device implementation would; null heals it. */
    void failStatusWith(RuntimeException failure) {
        statusFailure = failure;
    }

    @Override
    public synchronized ObjectNode status() {
        if (statusFailure != null) {
            throw statusFailure;
        }
        ObjectNode status = Json.object();
        if (registration instanceof JsonNode node) {
            status.set("registration", node);
        } else {
            status.put("registration", settings.path("sip").path("enabled").asBoolean() ? "Registered" : "SIP disabled");
        }
        return status.put("call", screen.equals("Idle") || screen.equals("Call failed") ? "idle" : "dialing")
                .put("screen", screen);
    }

    private final java.util.List<java.util.function.Consumer<rock.intercom.portal.live.ScreenChange>> screenWatchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Object registration;

    @Override
    public AutoCloseable watchScreen(java.util.function.Consumer<rock.intercom.portal.live.ScreenChange> listener) {
        screenWatchers.add(listener);
        return () -> screenWatchers.remove(listener);
    }

    /** Shows a screen and tells the watchers, as the real door's call thread does. */
    void show(String kind, String text) {
        synchronized (this) {
            screen = text;
        }
        var change = new rock.intercom.portal.live.ScreenChange(kind, text, java.time.Instant.now());
        screenWatchers.forEach(watcher -> watcher.accept(change));
    }

    /** Reports the registration as the real device does: state and, while not registered, the reason. */
    void registration(String state, String reason) {
        registration = Json.object().put("state", state).put("reason", reason);
    }

    @Override
    public void pressButton() {
        int n = presses.incrementAndGet();
        String number;
        synchronized (this) {
            number = settings.path("sip").path("callNumber").asText("400");
        }
        show(n % 2 == 1 ? "DIALING" : "IDLE", n % 2 == 1 ? "Dialing " + number + "…" : "Idle");
        if (n % 2 == 1) {
            events.append(NewEvent.of(id, SecurityEventName.DIALING, Map.of("direction", "outgoing", "number", number)));
        }
    }

    int presses() {
        return presses.get();
    }

    /** Who opened the door, in order; a door whose relay "fails" refuses with {@link #RELAY_FAILURE}. */
    final java.util.List<String> openedBy = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean relayFails;
    static final String RELAY_FAILURE = "door relay: /sys/class/gpio/gpio18/value: Permission denied";

    @Override
    public java.util.Optional<String> openDoor(String user, String channel) {
        if (relayFails) {
            return java.util.Optional.of(RELAY_FAILURE);
        }
        openedBy.add(user + " by " + channel);
        return java.util.Optional.empty();
    }

    /** What {@link #receivedVideo} and {@link #cameraView} hand out; set by tests. */
    volatile Picture received = new Picture.Missing("no call");
    volatile Picture camera = new Picture.Failed("the camera gave no picture: no camera in this test");

    @Override
    public Picture receivedVideo() {
        return received;
    }

    @Override
    public Picture cameraView() {
        return camera;
    }

    /** A real JPEG of the given size (one colour), as a door's snapshot would be. */
    static byte[] jpeg(int width, int height, java.awt.Color colour) {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    synchronized JsonNode storedSettings() {
        return settings.deepCopy();
    }
}
