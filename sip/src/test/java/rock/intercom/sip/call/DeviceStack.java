package rock.intercom.sip.call;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import java.text.ParseException;
import java.util.Optional;
import java.util.Properties;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.function.Supplier;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SipSettings;
import rock.intercom.sip.BranchCollisionValve;
import rock.intercom.sip.Slf4jServerLogger;
import rock.intercom.sip.Slf4jStackLogger;
import rock.intercom.sip.digest.ChallengeAnswerer;
import rock.intercom.testkit.FreePorts;

/**
 * The device's side of the call tests: a JAIN-SIP stack on 127.0.0.1 configured like the SIP
 * agent's (no automatic dialogs, SLF4J loggers; requests go where their Request-URI or Route says
 * rather than to a fixed outbound proxy, so a test can point the server anywhere), whose listener offers
 * every event to {@link CallDialogs} first, as the agent does; what they decline gets 501 here.
 */
public final class DeviceStack implements CallStack, SipListenerExt, AutoCloseable {

    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint point;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final ChallengeResponder challenges;
    private volatile Supplier<DeviceSettings> settings;
    private volatile CallDialogs dialogs;

    DeviceStack(DeviceSettings settings) throws Exception {
        this(() -> settings, FreePorts.tcpAndUdp());
    }

    DeviceStack(DeviceSettings settings, int port) throws Exception {
        this(() -> settings, port);
    }

    /** Reads the settings at each use, so a test may change them between calls. */
    public DeviceStack(Supplier<DeviceSettings> settings, int port) throws Exception {
        this.settings = settings;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "call-test-device-" + port);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", OneLineParseErrors.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", System.getProperty("sip.trace", "0"));
        this.stack = factory.createSipStack(p);
        BranchCollisionValve.install(stack);
        this.point = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        this.provider = stack.createSipProvider(point);
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.challenges = this::answerChallenge;
        provider.addSipListener(this);
        stack.start();
    }

    /** The call dialogs under test; the listener delegates to them from now on. */
    public void attach(CallDialogs callDialogs) {
        this.dialogs = callDialogs;
    }

    void settings(DeviceSettings changed) {
        settings = () -> changed;
    }

    /** Server transactions the stack still holds (answered ones wait for their ACK or timers). */
    public int liveServerTransactions() {
        return ((gov.nist.javax.sip.stack.SIPTransactionStack) stack).getServerTransactionTableSize();
    }

    public int port() {
        return point.getPort();
    }

    @Override
    public SipProvider provider() {
        return provider;
    }

    @Override
    public AddressFactory addressFactory() {
        return addresses;
    }

    @Override
    public HeaderFactory headerFactory() {
        return headers;
    }

    @Override
    public MessageFactory messageFactory() {
        return messages;
    }

    @Override
    public DeviceSettings settings() {
        return settings.get();
    }

    @Override
    public ContactHeader contact() {
        try {
            var uri = addresses.createSipURI(settings().sip().identity().extension(), "127.0.0.1");
            uri.setPort(point.getPort());
            return headers.createContactHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ChallengeResponder challenges() {
        return challenges;
    }

    /** The SIP agent's own answerer, with the logins of the settings in force. */
    private Optional<ClientTransaction> answerChallenge(ClientTransaction challenged, Response challenge)
            throws SipException {
        SipSettings sip = settings() == null ? null : settings().sip();
        if (sip == null) {
            return Optional.empty();
        }
        return ChallengeAnswerer.forRequests(headers, sip.identity(), sip.proxy()).retry(challenged, challenge,
                provider);
    }

    @Override
    public void processRequest(RequestEvent event) {
        if (dialogs != null && dialogs.processRequest(event)) {
            return;
        }
        if (Request.ACK.equals(event.getRequest().getMethod())) {
            return;
        }
        try {
            provider.sendResponse(messages.createResponse(Response.NOT_IMPLEMENTED, event.getRequest()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (dialogs != null) {
            dialogs.processResponse(event);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (dialogs != null) {
            dialogs.processTimeout(event);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        if (dialogs != null) {
            dialogs.processIOException(event);
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Nothing is held per transaction here.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        if (dialogs != null) {
            dialogs.processDialogTerminated(event);
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        if (dialogs != null) {
            dialogs.processDialogTimeout(event);
        }
    }

    @Override
    public void close() {
        provider.removeSipListener(this);
        stack.stop();
    }
}
