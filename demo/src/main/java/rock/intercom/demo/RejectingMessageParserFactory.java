package rock.intercom.demo;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's parser with a proper answer to requests it cannot parse. The stack's own 400 for a
 * broken essential header puts the parser's multi-line message into the reason phrase and a blank
 * line inside the headers, which peers cannot parse; UDP and TCP then leave the sender waiting. Here
 * the parse failure is answered with {@link BadRequestReply} on the same channel and the request is
 * dropped (null tells the stack to ignore it). Named by
 * {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}; instantiated by the stack, hence public.
 */
public final class RejectingMessageParserFactory implements MessageParserFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RejectingMessageParserFactory.class);
    private static final Method SEND_BYTES = sendBytesMethod();

    private final StringMsgParserFactory delegate = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> parse(parser, bytes, readBody, strict, listener);
    }

    private static SIPMessage parse(MessageParser parser, byte[] bytes, boolean readBody, boolean strict,
                                    ParseExceptionListener listener) throws ParseException {
        try {
            return parser.parseSIPMessage(bytes, readBody, strict, listener);
        } catch (ParseException | RuntimeException e) {
            String raw = new String(bytes, StandardCharsets.UTF_8);
            if (raw.startsWith("SIP/")) {
                throw e instanceof ParseException pe ? pe : new ParseException(String.valueOf(e.getMessage()), 0);
            }
            LOG.debug("Demo PBX got a malformed request: {}", e.getMessage());
            if (listener instanceof MessageChannel channel) {
                BadRequestReply.build(raw, e.getMessage(), DemoPbx.HOST).ifPresent(reply -> send(channel, raw, reply));
            }
            return null;
        }
    }

    private static void send(MessageChannel channel, String raw, String reply) {
        if (SEND_BYTES == null) {
            return;
        }
        try {
            InetAddress address = channel.getPeerPacketSourceAddress();
            int port = channel.getPeerPacketSourcePort();
            if ((address == null || port <= 0) && channel.getPeerAddress() != null && channel.getPeerPort() > 0) {
                address = InetAddress.getByName(channel.getPeerAddress());
                port = channel.getPeerPort();
            }
            if (address == null || port <= 0) {
                // A UDP channel learns its peer only after parsing: answer the Via's sent-by.
                Optional<InetSocketAddress> sentBy = BadRequestReply.viaSentBy(raw);
                if (sentBy.isEmpty() || !sentBy.get().getHostString().matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                    return; // no DNS lookups on the stack's receive thread
                }
                address = InetAddress.getByName(sentBy.get().getHostString());
                port = sentBy.get().getPort();
            }
            SEND_BYTES.invoke(channel, reply.getBytes(StandardCharsets.UTF_8), address, port, false);
        } catch (java.lang.reflect.InvocationTargetException e) {
            LOG.debug("Demo PBX could not answer a malformed request", e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException | RuntimeException e) {
            LOG.debug("Demo PBX could not answer a malformed request", e);
        }
    }

    /** MessageChannel's raw send is protected; it is the only way to answer on the request's channel. */
    private static Method sendBytesMethod() {
        try {
            Method m = MessageChannel.class.getDeclaredMethod("sendMessage", byte[].class, InetAddress.class,
                int.class, boolean.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Demo PBX cannot answer malformed requests: {}", e.toString());
            return null;
        }
    }
}
