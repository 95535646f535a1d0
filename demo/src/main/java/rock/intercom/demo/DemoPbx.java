package rock.intercom.demo;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DEMO PBX, built into {@code ./intercom demo} so a newcomer can see a door call end to end
 * without installing anything. It is NOT a product PBX and not a test fixture for the intercom's
 * SIP behaviour (real tests use Kamailio): one domain (127.0.0.1), a registrar with digest
 * authentication for the configured users, and one built-in "guard desk" extension (400 by
 * default) that rings, answers and plays a tone until someone hangs up. Other numbers get 404,
 * registered users 480 (calls are not forwarded). Listens on 127.0.0.1 only, UDP and TCP on the
 * same port.
 *
 * <p>Threading: JAIN-SIP callbacks, ring timers and the tone pacing all run on one PBX event
 * thread, which owns the call state; the public methods are thread-safe.
 */
public final class DemoPbx implements AutoCloseable {
    /** The only address the demo PBX listens on, and its SIP domain. */
    public static final String HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(DemoPbx.class);
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    private static final long CONTROL_TIMEOUT_SECONDS = 5;
    private static final int BIND_ATTEMPTS = 5;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SipStackImpl stack;
    private final ScheduledExecutorService loop;
    private final GuardDesk guardDesk;
    private final DeviceCaller deviceCaller;
    private final CallTable calls;
    private final Registrar registrar;
    private final HeardAudio heard;
    private final int port;
    private final String guardDeskExtension;
    private volatile boolean stopped;

    private DemoPbx(SipStackImpl stack, ScheduledExecutorService loop, CallTable calls, GuardDesk guardDesk,
                    DeviceCaller deviceCaller, Registrar registrar, HeardAudio heard, int port) {
        this.stack = stack;
        this.heard = heard;
        this.guardDeskExtension = guardDesk.extension();
        this.loop = loop;
        this.calls = calls;
        this.guardDesk = guardDesk;
        this.deviceCaller = deviceCaller;
        this.registrar = registrar;
        this.port = port;
    }

    /**
     * Starts the PBX on 127.0.0.1; with port 0 a port free for UDP and TCP is chosen.
     *
     * @throws IOException when the port cannot be bound
     */
    public static DemoPbx start(DemoPbxOptions options) throws IOException {
        InetAddress host = InetAddress.getByName(HOST);
        IOException last = null;
        int attempts = options.port() == 0 ? BIND_ATTEMPTS : 1;
        for (int i = 0; i < attempts; i++) {
            int port = options.port() == 0 ? FreePort.pick(host) : options.port();
            try {
                DemoPbx pbx = start(options, host, port);
                LOG.info("Demo PBX listening on sip:{}:{} (UDP, TCP); guard desk {}; users {}", HOST, port,
                    options.guardDeskExtension(), options.users().keySet());
                return pbx;
            } catch (BindException e) {
                last = e; // another process took the free port in between: pick again
            }
        }
        throw last;
    }

    private static DemoPbx start(DemoPbxOptions options, InetAddress host, int port) throws IOException {
        SipStackImpl stack;
        try {
            stack = new SipStackImpl(stackProperties());
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IOException("cannot create the demo PBX SIP stack", e);
        }
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-pbx");
            t.setDaemon(true);
            return t;
        });
        try {
            ListeningPoint udp = stack.createListeningPoint(HOST, port, ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(HOST, port, ListeningPoint.TCP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            Clock clock = Clock.systemUTC();
            PbxSignalling sip = new PbxSignalling(provider, new MessageFactoryImpl(), new HeaderFactoryImpl(),
                new AddressFactoryImpl(), HOST, port);
            RequestAuthenticator authenticator = new RequestAuthenticator(
                new DigestAuthenticator(HOST, options.users(), clock, NONCE_LIFETIME), sip);
            Registrar registrar = new Registrar(clock);
            HeardAudio heard = new HeardAudio();
            PbxParts parts = new PbxParts(sip, loop, options, host);
            CallTable calls = new CallTable(parts, heard);
            DeviceCaller deviceCaller = new DeviceCaller(parts, calls);
            GuardDesk guardDesk = new GuardDesk(parts, calls, deviceCaller);
            RequestDispatcher dispatcher = new RequestDispatcher(parts,
                new RegisterHandler(sip, authenticator, registrar),
                new InviteHandler(sip, authenticator, guardDesk, options.guardDeskExtension(),
                    options.users().keySet()), guardDesk, deviceCaller);
            provider.addSipListener(dispatcher);
            stack.start();
            return new DemoPbx(stack, loop, calls, guardDesk, deviceCaller, registrar, heard, port);
        } catch (Exception e) {
            rock.intercom.sip.StackStop.stop(stack);
            loop.shutdownNow();
            if (e.getCause() instanceof BindException bind) {
                throw bind;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start the demo PBX on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "rock-demo-pbx-" + INSTANCES.incrementAndGet());
        // SLF4J adapters instead of log4j 1 (DEPENDENCIES.md pitfall 3); default blocking transport (pitfall 4).
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", rock.intercom.sip.Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", rock.intercom.sip.Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // Proper 400s for unparsable requests instead of the stack's broken ones.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", RejectingMessageParserFactory.class.getName());
        // Bounds: message size per TCP peer, TCP connections, and stack threads (default: one per message).
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "64");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        return p;
    }

    /** The SIP port (UDP and TCP). */
    public int port() {
        return port;
    }

    /** The SIP domain and realm: the address the PBX listens on. */
    public String domain() {
        return HOST;
    }

    /** The current registrations of {@code user}. */
    public List<Binding> bindings(String user) {
        return registrar.bindings(user);
    }

    /** Guard desk calls answered and not yet hung up. */
    public int establishedCalls() {
        return onLoop(calls::establishedCalls);
    }

    /** Guard desk calls ringing or answered. */
    public int callsInProgress() {
        return onLoop(calls::callsInProgress);
    }

    /**
     * Calls a registered user (a door) from the guard desk, at its newest registered contact; the
     * guard desk plays its tone once the device answers. Progress shows in {@link #callsInProgress()}
     * and {@link #establishedCalls()}; {@link #hangUp()} ends it.
     *
     * @throws IllegalStateException when {@code user} is not registered or the INVITE cannot be sent
     */
    public void callDevice(String user) {
        callDevice(user, guardDeskExtension);
    }

    /**
     * Same as {@link #callDevice(String)} from extension {@code caller} instead of the guard desk,
     * e.g. one the door's Allow Incoming Calls list does not name.
     */
    public void callDevice(String user, String caller) {
        List<Binding> bindings = registrar.bindings(user);
        if (bindings.isEmpty()) {
            throw new IllegalStateException(user + " is not registered with the demo PBX");
        }
        String contact = bindings.get(bindings.size() - 1).contact();
        onLoop(() -> {
            deviceCaller.callDevice(user, contact, caller);
            return null;
        });
    }

    /** The guard desk's extension (400 by default). */
    public String guardDeskExtension() {
        return guardDeskExtension;
    }

    /** What the guard desk hears of its calls (the door's microphone). */
    public HeardAudio heard() {
        return heard;
    }

    public GuardDeskMode guardDeskMode() {
        return onLoop(guardDesk::mode);
    }

    /** From now on the guard desk answers new calls, or replies 486 Busy Here. */
    public void guardDeskMode(GuardDeskMode mode) {
        onLoop(() -> {
            guardDesk.mode(mode);
            return null;
        });
    }

    /** The guard desk stops sending audio on its calls, which stay up: the door sees a media failure. */
    public void silenceGuardDesk() {
        onLoop(() -> {
            calls.silenceAll();
            return null;
        });
    }

    /** One line per call in progress, for the demo page: who called whom, and its phase. */
    public List<String> describeCalls() {
        return onLoop(calls::describe);
    }

    /** What the door's camera sends to the guard desk in a video call (JPEG, at most a second old). */
    public java.util.Optional<byte[]> doorPicture() {
        return onLoop(calls::doorPicture);
    }

    /** Hangs up every guard desk call from the PBX side (BYE, or 603 while still ringing). */
    public void hangUp() {
        onLoop(() -> {
            guardDesk.hangUpAll();
            return null;
        });
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    /** Ends all calls and releases the SIP and RTP ports; idempotent. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            onLoop(() -> {
                guardDesk.hangUpAll();
                calls.releaseAll();
                return null;
            });
        } catch (IllegalStateException e) {
            LOG.debug("Demo PBX stop: {}", e.getMessage());
        }
        rock.intercom.sip.StackStop.stop(stack);
        loop.shutdownNow();
        LOG.info("Demo PBX on port {} stopped", port);
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(task).get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("demo PBX event thread failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("demo PBX event thread failed: " + e, e);
        }
    }
}
