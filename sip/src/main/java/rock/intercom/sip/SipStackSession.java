package rock.intercom.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JAIN-SIP stack with one listening point for one transport: the part of the device that
 * talks to one next hop. Client transactions are routed to their {@link TransactionHandler};
 * every event is first offered to the {@link SipEventRouter} (the call side) when one is attached;
 * requests nobody claims get a minimal answer (OPTIONS 200, others 501).
 * Threading: handlers and the router run on stack threads.
 */
final class SipStackSession implements SipListenerExt, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipStackSession.class);
    private static final AtomicLong STACK_NUMBER = new AtomicLong();

    private final String stackName;
    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint listeningPoint;
    private final NextHop nextHop;
    private final TransportProblems problems;
    private final AddressFactory addressFactory;
    private final HeaderFactory headerFactory;
    private final MessageFactory messageFactory;
    private final Consumer<String> connectionLost;
    private final Supplier<SipEventRouter> router;
    private final Map<ClientTransaction, TransactionHandler> handlers = new ConcurrentHashMap<>();

    private SipStackSession(String stackName, SipStack stack, SipProvider provider, ListeningPoint listeningPoint,
            NextHop nextHop, TransportProblems problems, SipFactory factory, Consumer<String> connectionLost,
            Supplier<SipEventRouter> router) throws javax.sip.PeerUnavailableException {
        this.stackName = stackName;
        this.stack = stack;
        this.provider = provider;
        this.listeningPoint = listeningPoint;
        this.nextHop = nextHop;
        this.problems = problems;
        this.addressFactory = factory.createAddressFactory();
        this.headerFactory = factory.createHeaderFactory();
        this.messageFactory = factory.createMessageFactory();
        this.connectionLost = connectionLost;
        this.router = router;
    }

    /**
     * Starts a stack bound to {@code localIp:localPort} for the next hop's transport.
     *
     * @param tls            the TLS trust context (null unless the transport is TLS)
     * @param connectionLost told (on a stack thread) when a TCP/TLS connection to the hop fails
     * @param router         the call side's first look at events, or a supplier of null
     * @param inbound        who may connect to the door's TCP listener
     */
    static SipStackSession open(String localIp, int localPort, NextHop nextHop, javax.net.ssl.SSLContext tls,
            TransportProblems problems, Consumer<String> connectionLost, Supplier<SipEventRouter> router,
            InboundConnections inbound) throws SipException {
        String stackName = "rock-intercom-sip-" + STACK_NUMBER.incrementAndGet();
        StackContext.register(stackName, new StackContext(tls, nextHop.name(), problems, inbound));
        SipStack stack = null;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(properties(stackName, nextHop));
            BranchCollisionValve.install(stack);
            String transport = nextHop.transport().name().toLowerCase(Locale.ROOT);
            ListeningPoint point = stack.createListeningPoint(localIp, localPort, transport);
            SipProvider provider = stack.createSipProvider(point);
            SipStackSession session = new SipStackSession(stackName, stack, provider, point, nextHop, problems, factory,
                    connectionLost, router);
            provider.addSipListener(session);
            stack.start();
            return session;
        } catch (javax.sip.PeerUnavailableException | javax.sip.TransportNotSupportedException
                | javax.sip.InvalidArgumentException | javax.sip.ObjectInUseException
                | java.util.TooManyListenersException e) {
            if (stack != null) {
                StackStop.stop(stack);
            }
            StackContext.unregister(stackName);
            throw new SipException("cannot start SIP stack on " + localIp + ":" + localPort + ": " + e.getMessage(), e);
        }
    }

    private static Properties properties(String stackName, NextHop nextHop) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // Requests without a Route header leave for the resolved next hop (RFC 3263 result).
        p.setProperty("javax.sip.OUTBOUND_PROXY", nextHop.stackHop());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        // The trace logger logs as Slf4jServerLogger does and also feeds the SIP trace (issue 15).
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", rock.intercom.sip.trace.TracingServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", VerifyingNetworkLayer.class.getName());
        p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", UnusedSecurityManagerProvider.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", WatchingMessageParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // Modern suites only: the stack's defaults are legacy RSA/anonymous ones (DEPENDENCIES.md pitfall 5).
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",",
                "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "3000");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        // A terminated transaction or dialog stays in the stack's tables this long (default 8 s), with
        // its whole parsed request: every refused INVITE of a 200/s stranger flood pinned ~10 KiB for
        // 8 s (~16 MiB of heap). One second still absorbs a retransmission racing the answer.
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "1");
        // A fixed pool of receive workers instead of a thread per UDP packet: with one thread per
        // packet each server transaction keeps its packet's channel, and with it a 64 KiB receive
        // buffer, for its whole life (32 s for an unacknowledged 403), so a 200/s INVITE flood
        // needed ~400 MB of heap (bench/stranger-flood.sh). Pooled workers are shared.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        return p;
    }

    AddressFactory addresses() {
        return addressFactory;
    }

    HeaderFactory headers() {
        return headerFactory;
    }

    MessageFactory messages() {
        return messageFactory;
    }

    SipProvider provider() {
        return provider;
    }

    ListeningPoint listeningPoint() {
        return listeningPoint;
    }

    NextHop nextHop() {
        return nextHop;
    }

    TransportProblems problems() {
        return problems;
    }

    /** Sends a request in a new client transaction whose outcome goes to {@code handler}. */
    ClientTransaction send(Request request, TransactionHandler handler) throws SipException {
        ClientTransaction transaction = provider.getNewClientTransaction(request);
        handlers.put(transaction, handler);
        try {
            transaction.sendRequest();
        } catch (SipException | RuntimeException e) {
            handlers.remove(transaction);
            throw e;
        }
        return transaction;
    }

    /** Stops caring about a transaction (the caller gave up on it) and ends its retransmissions. */
    void abandon(ClientTransaction transaction) {
        if (transaction == null) {
            return;
        }
        handlers.remove(transaction);
        try {
            transaction.terminate();
        } catch (javax.sip.ObjectInUseException | RuntimeException alreadyGone) {
            LOG.trace("transaction already ended", alreadyGone);
        }
    }

    /** RFC 5626 §4.4.1 CRLF keepalive on the connection to the next hop (TCP/TLS only). */
    void sendCrlfKeepalive() throws IOException {
        ((ListeningPointExt) listeningPoint).sendHeartbeat(nextHop.address().getHostAddress(), nextHop.port());
    }

    @Override
    public void processResponse(ResponseEvent event) {
        SipEventRouter calls = router.get();
        if (calls != null && calls.processResponse(event)) {
            return;
        }
        ClientTransaction transaction = event.getClientTransaction();
        TransactionHandler handler = transaction == null ? null : handlers.get(transaction);
        if (handler == null) {
            LOG.debug("stray response {} ignored", event.getResponse().getStatusCode());
            return;
        }
        if (event.getResponse().getStatusCode() >= 200) {
            handlers.remove(transaction);
        }
        handler.onResponse(event.getResponse());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        SipEventRouter calls = router.get();
        if (calls != null && calls.processTimeout(event)) {
            return;
        }
        ClientTransaction transaction = event.getClientTransaction();
        TransactionHandler handler = transaction == null ? null : handlers.remove(transaction);
        if (handler != null) {
            handler.onTimeout();
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.info("connection to {}:{} over {} failed", event.getHost(), event.getPort(), event.getTransport());
        SipEventRouter calls = router.get();
        if (calls != null) {
            calls.processIOException(event);
        }
        connectionLost.accept("connection to " + event.getHost() + ":" + event.getPort() + " lost");
    }

    @Override
    public void processRequest(RequestEvent event) {
        RequestScreen.Refusal refusal = RequestScreen.check(event.getRequest());
        if (refusal != null) {
            answer(event, refusal.status(), refusal.headerName(), refusal.headerValues());
            return;
        }
        SipEventRouter calls = router.get();
        if (calls != null && calls.processRequest(event)) {
            return;
        }
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        // Requests the screen let through that nobody claimed (INFO outside a call...): 501 with Allow.
        int status = Request.OPTIONS.equals(request.getMethod()) ? Response.OK : Response.NOT_IMPLEMENTED;
        answer(event, status, "Allow", RequestScreen.ALLOW);
    }

    /**
     * Answers with {@code status} and one {@code header} per value, statelessly (RFC 3261 §8.2.7) unless
     * the stack already keeps a transaction for the request: anyone may send these as fast as it likes,
     * and a server transaction would hold each request 32 s (Timer J); a retransmission is answered again.
     */
    private void answer(RequestEvent event, int status, String header, List<String> values) {
        Request request = event.getRequest();
        try {
            Response response = messageFactory.createResponse(status, request);
            for (String value : values) {
                response.addHeader(headerFactory.createHeader(header, value));
            }
            ServerTransaction transaction = event.getServerTransaction();
            if (transaction != null) {
                transaction.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (SipException | java.text.ParseException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.debug("cannot answer {}: {}", request.getMethod(), Slf4jStackLogger.describe(e));
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Handlers are removed on final response or timeout; nothing else to release.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        SipEventRouter calls = router.get();
        if (calls != null) {
            calls.processDialogTerminated(event);
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        SipEventRouter calls = router.get();
        if (calls != null) {
            calls.processDialogTimeout(event);
        }
    }

    /** The transactions and dialogs the stack holds now. */
    SipStackLoad load() {
        SIPTransactionStack tables = (SIPTransactionStack) stack;
        return new SipStackLoad(tables.getServerTransactionTableSize(), tables.getClientTransactionTableSize(),
                tables.getDialogs().size());
    }

    @Override
    public void close() {
        handlers.clear();
        try {
            provider.removeSipListener(this);
            stack.deleteSipProvider(provider);
            stack.deleteListeningPoint(listeningPoint);
        } catch (javax.sip.ObjectInUseException | RuntimeException e) {
            LOG.debug("SIP stack {} did not release cleanly", stackName, e);
        } finally {
            // The listening point (and its socket) is gone now; the rest of JAIN-SIP's stop includes
            // a fixed one-second sleep, which need not hold up the agent.
            Thread stopper = new Thread(() -> {
                StackStop.stop(stack);
                StackContext.unregister(stackName);
            }, stackName + "-stop");
            stopper.setDaemon(true);
            stopper.start();
        }
    }
}
