package rock.intercom.app.audio;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.text.ParseException;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
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
import rock.intercom.settings.DeviceSettings;
import rock.intercom.sip.Slf4jServerLogger;
import rock.intercom.sip.Slf4jStackLogger;
import rock.intercom.sip.call.CallDialogs;
import rock.intercom.sip.call.CallStack;
import rock.intercom.sip.call.ChallengeResponder;

/**
 * The door's SIP side for the baresip tests: a JAIN-SIP stack on 127.0.0.1 configured like the
 * SIP agent's (no automatic dialogs, SLF4J loggers) whose listener offers every event to the real
 * {@link CallDialogs} first; what they decline gets 501.
 */
final class DoorSipStack implements CallStack, SipListenerExt, AutoCloseable {

    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint point;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final ChallengeResponder challenges;
    private final Supplier<DeviceSettings> settings;
    private volatile CallDialogs dialogs;

    DoorSipStack(Supplier<DeviceSettings> settings) throws Exception {
        this.settings = settings;
        int port = freePort();
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "audio-test-door-" + port);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        this.stack = factory.createSipStack(p);
        this.point = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        this.provider = stack.createSipProvider(point);
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        // baresip as a station never challenges the INVITE, so there is nothing to answer.
        this.challenges = (challenged, challenge) -> java.util.Optional.empty();
        provider.addSipListener(this);
        stack.start();
    }

    /** A port free for TCP and UDP on loopback now (baresip binds both). */
    static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        port))) {
                    return port;
                } catch (IOException taken) {
                    // UDP twin busy: try another.
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free TCP+UDP port");
    }

    int port() {
        return point.getPort();
    }

    void attach(CallDialogs callDialogs) {
        this.dialogs = callDialogs;
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
            var uri = addresses.createSipURI(settings.get().sip().identity().extension(), "127.0.0.1");
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
