package rock.intercom.sip;

import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.sip.SipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.Transport;

/**
 * The door device's SIP user agent: one per device. It registers the device with its SIP server
 * and keeps knowing whether that server is reachable (guide steps 3, 4 and 8; issue 3). Settings
 * apply live: a new server, transport, identity or proxy unregisters the old binding and registers
 * the new one; SIP switched off unregisters. The SIP stack (JAIN-SIP) stays inside this module.
 *
 * <p>Threading: all public methods are thread-safe and return quickly, except {@link #stop()},
 * which waits for the unregister (at most a few seconds). The agent owns one thread; listeners are
 * called on it, after the status they announce is in place.
 */
public final class SipAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipAgent.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(6);

    private final SipAgentOptions options;
    private final int localPort;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
    private volatile RegistrationStatus status = RegistrationStatus.disabled();
    private volatile SipEventRouter eventRouter;
    private volatile DeviceSettings appliedSettings;
    private volatile SharedSipStack.Binding liveBinding;
    private final SharedSipStack sharedStack = new SharedSipStack(() -> liveBinding, () -> appliedSettings);

    // Owned by the agent thread.
    private BindingPlan plan;
    private RegistrationClient client;
    private ScheduledFuture<?> reopenTimer;
    private final Backoff reopenBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** An agent on the given local SIP port ({@code --sip-port}; 0 picks a free port), production timings. */
    public SipAgent(int localPort) {
        this(SipAgentOptions.onPort(localPort));
    }

    public SipAgent(SipAgentOptions options) {
        this(options, Clock.systemUTC());
    }

    SipAgent(SipAgentOptions options, Clock clock) {
        this.options = options;
        this.localPort = options.localPort() == 0 ? LocalAddresses.freePort() : options.localPort();
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sip-agent-" + localPort);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The local SIP port in use (the chosen one when the options said 0). */
    public int localPort() {
        return localPort;
    }

    /** Starts registering as the settings say (nothing happens while SIP is disabled). */
    public void start(DeviceSettings settings) {
        apply(settings);
    }

    /**
     * Applies changed settings live. When server, transport, CA, polling interval, identity or
     * proxy differ from the binding in use, the old binding is unregistered and a new one registered.
     *
     * @throws IllegalStateException after {@link #stop()}
     */
    public void apply(DeviceSettings settings) {
        if (loop.isShutdown()) {
            throw new IllegalStateException("the SIP agent is stopped; create a new one");
        }
        appliedSettings = settings;
        BindingPlan next = planOf(settings);
        loop.execute(() -> applyOnLoop(next));
    }

    /** Unregisters and releases the SIP port; the agent cannot be started again. */
    public void stop() {
        if (loop.isShutdown()) {
            return;
        }
        try {
            loop.submit(() -> closeBinding("SIP stopped")).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("SIP agent did not stop cleanly", e);
        } finally {
            loop.shutdownNow();
            status = RegistrationStatus.disabled();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * For the service watchdog: runs {@code answered} on the agent's thread (which drives
     * registration and keepalives), so a stuck agent never runs it. False once stopped.
     */
    public boolean probe(Runnable answered) {
        try {
            loop.execute(answered);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return false;
        }
    }

    /** The registration as it stands now. */
    public RegistrationStatus registrationStatus() {
        return status;
    }

    public void addRegistrationListener(RegistrationListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeRegistrationListener(RegistrationListener listener) {
        listeners.remove(listener);
    }

    /** For the call side of this module: gets the first look at every SIP event (null detaches). */
    public void setEventRouter(SipEventRouter router) {
        eventRouter = router;
    }

    /** What the live SIP stack holds now; {@link SipStackLoad#NONE} without one. */
    public SipStackLoad stackLoad() {
        SharedSipStack.Binding binding = liveBinding;
        return binding == null ? SipStackLoad.NONE : binding.session().load();
    }

    /** For the call side of this module: the live stack that registration uses. */
    public SharedSipStack sharedStack() {
        return sharedStack;
    }

    private static BindingPlan planOf(DeviceSettings settings) {
        SipSettings sip = settings == null ? null : settings.sip();
        if (sip == null || !sip.enabled() || sip.server() == null || sip.identity() == null) {
            return null;
        }
        return new BindingPlan(sip.server(), sip.identity(), sip.proxy());
    }

    // ---- agent thread ---------------------------------------------------------------------

    private void applyOnLoop(BindingPlan next) {
        if (Objects.equals(next, plan) && (client != null || next == null)) {
            return;
        }
        closeBinding(next == null ? "SIP disabled" : "settings changed");
        plan = next;
        reopenBackoff.reset();
        if (next == null) {
            status = RegistrationStatus.disabled();
            return;
        }
        openBinding();
    }

    private void openBinding() {
        cancelReopen();
        BindingPlan current = plan;
        if (current == null) {
            return;
        }
        status = new RegistrationStatus(RegistrationState.REGISTERING, current.serverLabel(), current.transport(),
                null, null, status.lastFailureReason());
        String problem = invalid(current);
        if (problem != null) {
            offline(RegistrationState.FAILED, problem);
            return;
        }
        try {
            NextHop hop = current.viaProxy()
                    ? ServerLocator.locate(current.proxy().address(), current.proxy().port(), current.transport())
                    : ServerLocator.locate(current.server().address(), current.server().port(), current.transport());
            TransportProblems problems = new TransportProblems(hop.address(), hop.port());
            SSLContext tls = current.transport() == Transport.TLS
                    ? ServerTrust.context(current.server().caCertificatePem(), problems) : null;
            AtomicReference<RegistrationClient> owner = new AtomicReference<>();
            SipStackSession session = SipStackSession.open(LocalAddresses.towards(hop.address()), localPort, hop, tls,
                    problems, reason -> loop.execute(() -> {
                        RegistrationClient bound = owner.get();
                        if (bound != null && bound == client) {
                            bound.connectionLost(reason);
                        }
                    }), () -> eventRouter, inboundConnections(hop));
            client = new RegistrationClient(current, session, options, loop, clock, new Sink());
            owner.set(client);
            liveBinding = new SharedSipStack.Binding(session, current);
            client.start();
        } catch (UnknownHostException e) {
            offline(RegistrationState.FAILED, "cannot resolve " + e.getMessage());
            scheduleReopen();
        } catch (GeneralSecurityException e) {
            offline(RegistrationState.FAILED, "CA certificate unusable: " + e.getMessage());
        } catch (SipException e) {
            offline(RegistrationState.FAILED, e.getMessage());
            scheduleReopen();
        }
    }

    /**
     * Connections to the door's TCP listener: from the next hop or the configured server/proxy (a
     * server that connects back), from others only while direct calls are accepted.
     */
    private InboundConnections inboundConnections(NextHop hop) {
        return new InboundConnections(
                address -> address.equals(hop.address())
                        || sharedStack().isServerSource(address.getHostAddress(), -1, "TCP"),
                () -> {
                    DeviceSettings now = sharedStack().settings();
                    return now != null && now.sip() != null && now.sip().incomingCalls() != null
                            && now.sip().incomingCalls().acceptDirectCalls();
                });
    }

    private static String invalid(BindingPlan plan) {
        if (plan.server().address() == null || plan.server().address().isBlank()) {
            return "no SIP server address configured";
        }
        if (plan.identity().extension() == null || plan.identity().extension().isBlank()) {
            return "no SIP extension configured";
        }
        return null;
    }

    private void scheduleReopen() {
        cancelReopen();
        reopenTimer = loop.schedule(this::openBinding, reopenBackoff.next().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelReopen() {
        if (reopenTimer != null) {
            reopenTimer.cancel(false);
            reopenTimer = null;
        }
    }

    private void closeBinding(String reason) {
        cancelReopen();
        if (client == null) {
            return;
        }
        boolean wasRegistered = status.state() == RegistrationState.REGISTERED;
        String server = status.server();
        liveBinding = null;
        client.close(true);
        client = null;
        if (wasRegistered) {
            status = status.withState(RegistrationState.UNREGISTERED);
            fire(new RegistrationChange.RegistrationLost(clock.instant(), server, reason));
        }
    }

    private void offline(RegistrationState state, String reason) {
        RegistrationStatus before = status;
        status = before.failed(state, reason);
        if (before.state() != state || !Objects.equals(before.lastFailureReason(), reason)) {
            LOG.info("registration with {}: {} ({})", before.server(), state, reason);
        }
        if (before.state() == RegistrationState.REGISTERED) {
            fire(new RegistrationChange.RegistrationLost(clock.instant(), before.server(), reason));
        }
    }

    private void fire(RegistrationChange change) {
        for (RegistrationListener listener : listeners) {
            try {
                listener.registrationChanged(change);
            } catch (RuntimeException e) {
                LOG.warn("registration listener failed", e);
            }
        }
    }

    /** Reports from the current client; runs on the agent thread. */
    private final class Sink implements RegistrationSink {

        @Override
        public void registered(Instant at) {
            RegistrationStatus before = status;
            status = before.registeredAt(at);
            if (before.state() != RegistrationState.REGISTERED) {
                LOG.info("registered with {} over {}", before.server(), before.transport());
                fire(new RegistrationChange.Registered(at, before.server(), before.transport()));
            }
        }

        @Override
        public void keepaliveAnswered(Duration roundTrip) {
            status = status.withKeepaliveRtt(roundTrip);
        }

        @Override
        public void offline(RegistrationState state, String reason) {
            SipAgent.this.offline(state, reason);
        }
    }
}
