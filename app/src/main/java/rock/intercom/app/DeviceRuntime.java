package rock.intercom.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.app.audio.CallAudio;
import rock.intercom.app.audio.MediaAddress;
import rock.intercom.app.door.CallButton;
import rock.intercom.app.door.DoorOpener;
import rock.intercom.app.door.DoorRelay;
import rock.intercom.app.ops.CallQuality;
import rock.intercom.app.ops.DeviceHealth;
import rock.intercom.app.ops.DeviceMetrics;
import rock.intercom.app.ops.DeviceOperations;
import rock.intercom.app.ops.OperationsOptions;
import rock.intercom.app.ops.RefusedInvites;
import rock.intercom.app.ops.SelfTest;
import rock.intercom.app.ops.SipTrace;
import rock.intercom.app.ops.SipTraceMask;
import rock.intercom.app.ops.SyslogForwarder;
import rock.intercom.app.ops.SyslogTarget;
import rock.intercom.app.ops.TimedEventStore;
import rock.intercom.call.CallDirection;
import rock.intercom.call.CallIdGenerator;
import rock.intercom.call.CallInput;
import rock.intercom.call.CallSignalling;
import rock.intercom.call.DoorCall;
import rock.intercom.call.Ticker;
import rock.intercom.events.EventStore;
import rock.intercom.events.PostgresEventStore;
import rock.intercom.events.SqliteEventStore;
import rock.intercom.portal.DeviceDirectory;
import rock.intercom.portal.PortalOptions;
import rock.intercom.portal.PortalServer;
import rock.intercom.portal.auth.UserStore;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.VideoCalls;
import rock.intercom.settings.LiveSettings;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SettingsFile;
import rock.intercom.settings.SettingsRejected;
import rock.intercom.settings.SettingsValidator;

/**
 * A running door device and everything it owns (settings, event store, call thread, SIP agent,
 * portal), opened together and closed in reverse order. Used by {@code ./intercom device}, the
 * demo and the end-to-end tests.
 */
public final class DeviceRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceRuntime.class);
    /** The PostgreSQL event store's user and password, read from the environment. */
    static final String EVENTS_USER_ENV = "INTERCOM_EVENTS_USER";
    static final String EVENTS_PASSWORD_ENV = "INTERCOM_EVENTS_PASSWORD";
    /** The applied settings, under the data dir. */
    static final String SAVED_SETTINGS = "settings.yaml";
    /** A door's portal serves a few browsers and an access-control server (ConnectionLimits). */
    static final int PORTAL_CONNECTIONS_PER_ADDRESS = 32;
    static final int PORTAL_CONNECTIONS_IN_ALL = 128;

    private final LiveSettings settings;
    private final EventStore events;
    private final CallController call;
    private final DeviceSignalling signalling;
    private final CallAudio audio;
    private final DoorDevice device;
    private final PortalServer portal;
    private final List<AutoCloseable> subscriptions;
    /** The wired button and the door relay. */
    private final List<AutoCloseable> door;

    private DeviceRuntime(LiveSettings settings, EventStore events, CallController call, DeviceSignalling signalling,
            CallAudio audio, DoorDevice device, PortalServer portal, List<AutoCloseable> subscriptions,
            List<AutoCloseable> door) {
        this.door = door;
        this.audio = audio;
        this.settings = settings;
        this.events = events;
        this.call = call;
        this.signalling = signalling;
        this.device = device;
        this.portal = portal;
        this.subscriptions = subscriptions;
    }

    /** Loads the config file, opens the stores, starts SIP and the HTTP server. */
    public static DeviceRuntime open(DeviceOptions options, Map<String, String> env, PrintStream announce) {
        return open(options, OperationsOptions.NONE, env, announce);
    }

    /** As above, with the operations flags ({@code --syslog}). */
    public static DeviceRuntime open(DeviceOptions options, OperationsOptions operations, Map<String, String> env,
            PrintStream announce) {
        SettingsCodec codec = new SettingsCodec();
        SettingsValidator validator = new SettingsValidator();
        DeviceSettings initial = load(new SettingsFile(options.config(), codec, validator), options.config());
        SettingsFile file = new SettingsFile(options.dataDir().resolve(SAVED_SETTINGS), codec, validator);
        DataDirectory.restrict(options.dataDir());
        initial = seedOrLoad(file, initial, fingerprint(options.config()), announce);
        LiveSettings live = new LiveSettings(initial, validator, file);
        // Built in dependency order; the controller connects itself as the sink of signalling and audio.
        CallAudio audio = new CallAudio(live::current, options.audio(), MediaAddress.towardsServer(), options.video());
        // SIP starts first: the first REGISTER needs only the settings and the media (start-up, issue
        // 15). Recording a registration change waits for the store, which opens beside it.
        CompletableFuture<TimedEventStore> opening = new CompletableFuture<>();
        DeviceSignalling signalling = DeviceSignalling.start(initial, options.sipPort(), () -> opened(opening), audio);
        DeviceMetrics metrics;
        TimedEventStore events;
        try {
            CompletableFuture<EventStore> store = CompletableFuture.supplyAsync(() -> openEvents(options, env));
            // Operations (issue 15) observe through decorators: the store's write latency, refused INVITEs, RTP quality.
            DeviceMetrics made = new DeviceMetrics();
            store.thenApply(open -> new TimedEventStore(open, made.registry())).whenComplete((open, failed) -> {
                if (failed == null) {
                    opening.complete(open);
                } else {
                    opening.completeExceptionally(failed);
                }
            });
            metrics = made;
            events = opened(opening);
        } catch (RuntimeException e) {
            opening.completeExceptionally(e); // a registration listener waiting for the store must not wait forever
            signalling.close();
            audio.close();
            throw e;
        }
        SipTrace trace = new SipTrace(SipTrace.DEFAULT_KEEP, SipTrace.DEFAULT_MAX_BYTES, Clock.systemUTC(),
                () -> SipTraceMask.secretsOf(live.current()));
        AutoCloseable traced = rock.intercom.sip.trace.SipMessageTaps.register(signalling.localPort(), trace);
        DoorRelay relay = options.door().openRelay();
        DoorOpener opener = new DoorOpener(live::current, relay, events, Clock.systemUTC());
        CallController call = new CallController(initial.device().id(),
                new DoorCall(initial, Ticker.system(), CallIdGenerator.random()),
                signalling.calls(), audio, events,
                digit -> opener.digit(digit.leg().callId(), digit.leg().direction() == CallDirection.INCOMING,
                        digit.leg().peer(), digit.digit()),
                List.of(new RefusedInvites(metrics.registry()),
                        new CallQuality(id -> audio.session(id).map(session -> session.statistics()),
                                metrics.registry())));
        List<AutoCloseable> door = new ArrayList<>(List.of(relay));
        if (options.door().button() != null) {
            door.add(CallButton.start(options.door().button(), () -> call.post(new CallInput.ButtonPressed()), events,
                    () -> live.current().device().id()));
            announce.println("Call button: " + CallButton.describe(options.door().button()));
        }
        AutoCloseable toCall = live.subscribe(change -> call.post(new CallInput.SettingsChanged(change.current())));
        AutoCloseable toSip = live.subscribe(change -> signalling.apply(change.current()));
        AutoCloseable toAudio = live.subscribe(change -> audio.settingsChanged(change.current()));
        options.audio().notices().forEach(announce::println);
        if (videoCallsOn(initial)) {
            options.video().notices().forEach(announce::println);
        }
        DoorDevice device = new DoorDevice(live, codec, call, signalling::registrationView, opener, audio.video());
        UserStore users = UserStore.open(options.dataDir(), env, announce);
        metrics.watchRegistration(signalling::registrationView);
        metrics.watchSipStack(signalling::stackLoad);
        AutoCloseable callCounts = metrics.countCalls(events);
        SyslogTarget syslogTarget = operations.syslogTarget();
        SyslogForwarder syslog = syslogTarget == null ? null
                : SyslogForwarder.start(syslogTarget, initial.device().id(), events, metrics.registry());
        if (syslog != null) {
            announce.println("Security events forwarded to syslog " + syslogTarget);
        }
        DeviceHealth health = new DeviceHealth(() -> call.responsive(DeviceHealth.CALL_THREAD_WITHIN), events,
                options.eventsJdbcUrl() == null ? options.dataDir() : null, signalling::registrationView);
        SelfTest selfTest = new SelfTest(initial.device().id(), live::current, signalling::registrationView,
                new SelfTest.CallPort(call::post, call::state,
                        id -> audio.session(id).map(session -> session.statistics())), events);
        DataDirectory.restrict(options.dataDir()); // the files the stores just made: seed, events.db, users
        PortalServer portal = new PortalServer(DeviceDirectory.of(List.of(device)), events, users,
                rock.intercom.portal.auth.ApiTokens.open(options.dataDir()), PortalOptions.defaults().withHost(options.httpHost()))
                .limitConnections(PORTAL_CONNECTIONS_PER_ADDRESS, PORTAL_CONNECTIONS_IN_ALL)
                .withOperations(new DeviceOperations(initial.device().id(), health, metrics, syslog,
                        () -> java.util.Optional.of(trace.pcap()), id -> java.util.Optional.of(selfTest.run())));
        if (options.https().enabled()) {
            portal.withHttps(options.https().port(), httpsKeys(options, announce));
        }
        portal.start(options.httpPort());
        log.info("device {} started", initial.device().id());
        // Subscriptions first, the door last: a stopping device releases the relay after the call ends.
        List<AutoCloseable> owned = new ArrayList<>(List.of(toCall, toSip, toAudio, callCounts, traced));
        if (syslog != null) {
            // door closes in reverse, so index 0 closes last, just before the store: the stopping door's events go out too.
            door.add(0, syslog);
        }
        return new DeviceRuntime(live, events, call, signalling, audio, device, portal, owned, door);
    }

    /**
     * The config file holds the installer's settings; what the portal and API apply is saved in
     * the data dir, so a device never rewrites (or loses the comments of) the file it was given.
     * The saved copy wins while it was made from the same config file; editing the config file
     * re-seeds it.
     */
    private static DeviceSettings seedOrLoad(SettingsFile saved, DeviceSettings fromConfig, String fingerprint,
            PrintStream announce) {
        try {
            Files.createDirectories(saved.path().getParent());
            Path seed = saved.path().resolveSibling(SAVED_SETTINGS + ".seed");
            if (Files.exists(saved.path()) && Files.exists(seed) && Files.readString(seed).equals(fingerprint)) {
                announce.println("Settings: " + saved.path() + " (changes applied since start from the config file)");
                return load(saved, saved.path());
            }
            saved.save(fromConfig);
            Files.writeString(seed, fingerprint);
            return fromConfig;
        } catch (IOException e) {
            throw new ConfigFileProblem("data dir " + saved.path().getParent() + ": " + e.getMessage());
        }
    }

    /** The store once open; its opening's own exception (a {@link ConfigFileProblem}...) when it failed. */
    private static <S extends EventStore> S opened(CompletableFuture<S> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The installer's PEM files, or the self-signed certificate of the data dir (made and announced on first start). */
    private static rock.intercom.portal.TlsKeys httpsKeys(DeviceOptions options, PrintStream announce) {
        try {
            if (options.https().certificate() != null) {
                return rock.intercom.portal.TlsKeys.fromPem(options.https().certificate(), options.https().key());
            }
            boolean[] made = {false};
            rock.intercom.portal.TlsKeys keys = rock.intercom.portal.TlsKeys.selfSigned(options.dataDir(),
                    options.httpHost(), made);
            announce.println("HTTPS: " + (made[0] ? "made a self-signed certificate" : "self-signed certificate")
                    + " " + options.dataDir().resolve(rock.intercom.portal.TlsKeys.SELF_SIGNED_FILE)
                    + "; SHA-256 fingerprint " + keys.fingerprint() + " (compare it with the browser's before trusting it)");
            return keys;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigFileProblem(e.getMessage());
        }
    }

    /** SQLite under the data dir, or PostgreSQL with credentials from the environment (never argv). */
    private static EventStore openEvents(DeviceOptions options, Map<String, String> env) {
        if (options.eventsJdbcUrl() == null) {
            return SqliteEventStore.open(options.dataDir());
        }
        if (!options.eventsJdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new ConfigFileProblem("--events-url must be a jdbc:postgresql: URL, was " + options.eventsJdbcUrl());
        }
        return PostgresEventStore.open(options.eventsJdbcUrl(), env.getOrDefault(EVENTS_USER_ENV, "intercom"),
                env.getOrDefault(EVENTS_PASSWORD_ENV, ""), java.time.Clock.systemUTC());
    }

    private static String fingerprint(Path config) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(config)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new ConfigFileProblem("config file " + config + ": " + e.getMessage());
        }
    }

    private static DeviceSettings load(SettingsFile file, Path path) {
        try {
            return file.load();
        } catch (NoSuchFileException missing) {
            throw new ConfigFileProblem("config file " + path + " not found");
        } catch (IOException e) {
            throw new ConfigFileProblem("config file " + path + ": " + e.getMessage());
        } catch (SettingsRejected rejected) {
            throw new ConfigFileProblem("config file " + path + ": " + rejected.errors().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
    }

    public String deviceId() {
        return device.id();
    }

    public String deviceName() {
        return device.name();
    }

    public int sipPort() {
        return signalling.localPort();
    }

    /** The HTTPS port, or -1 without HTTPS. */
    public int httpsPort() {
        return portal.httpsPort();
    }

    public int httpPort() {
        return portal.port();
    }

    public DoorDevice device() {
        return device;
    }

    public EventStore events() {
        return events;
    }

    public LiveSettings settings() {
        return settings;
    }

    /** The device's call media: audio, and video through {@link CallAudio#video()}. */
    public CallAudio audio() {
        return audio;
    }

    public CallController call() {
        return call;
    }

    /** What the systemd watchdog vouches for: the call thread and the SIP agent's thread. */
    public List<rock.intercom.app.service.Liveness> liveness() {
        return List.of(liveness("call thread", call::probe), liveness("SIP agent", signalling::probe));
    }

    private static rock.intercom.app.service.Liveness liveness(String name,
            java.util.function.Predicate<Runnable> probe) {
        return new rock.intercom.app.service.Liveness() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean probe(Runnable answered) {
                return probe.test(answered);
            }
        };
    }

    @Override
    public void close() {
        for (AutoCloseable subscription : subscriptions) {
            closeQuietly(subscription);
        }
        closeQuietly(portal::stop);
        closeQuietly(call);
        closeQuietly(signalling);
        closeQuietly(audio);
        // Inputs stop before the relay releases; both before the store that records their events.
        for (int i = door.size() - 1; i >= 0; i--) {
            closeQuietly(door.get(i));
        }
        closeQuietly(events);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        Closing.reporting(closeable, e -> log.warn("while closing: {}", e.toString()));
    }

    /** Whether Video Calls allows video in some direction: only then is the camera worth a notice. */
    private static boolean videoCallsOn(DeviceSettings settings) {
        return settings.sip() != null && settings.sip().callOptions() != null
                && settings.sip().callOptions().videoCalls() != null
                && settings.sip().callOptions().videoCalls() != VideoCalls.OFF;
    }
}
