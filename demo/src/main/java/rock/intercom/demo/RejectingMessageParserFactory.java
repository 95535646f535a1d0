package rock.intercom.demo;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
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
    private static final Field STREAM_SOCKET = streamSocketField();
    private static final Set<Class<?>> ROUTING_HEADERS = Set.of(From.class, To.class, CSeq.class, Via.class,
        CallID.class, RequestLine.class);

    private final StringMsgParserFactory delegate = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> parse(parser, bytes, readBody, strict, listener);
    }

    private static SIPMessage parse(MessageParser parser, byte[] bytes, boolean readBody, boolean strict,
                                    ParseExceptionListener listener) throws ParseException {
        try {
            return parser.parseSIPMessage(bytes, readBody, strict, keepingConnection(listener));
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

    /**
     * A broken routing header of a request fails the parse here instead of in the channel, which
     * would close a TCP connection before the 400 could go out. A broken Content-Length still goes to
     * the channel: on a stream it breaks the framing, so closing is right.
     */
    private static ParseExceptionListener keepingConnection(ParseExceptionListener channel) {
        if (channel == null) {
            return null;
        }
        return (ex, message, headerClass, header, text) -> {
            if (message instanceof SIPRequest && ROUTING_HEADERS.contains(headerClass)) {
                throw ex;
            }
            channel.handleException(ex, message, headerClass, header, text);
        };
    }

    private static void send(MessageChannel channel, String raw, String reply) {
        try {
            if ("udp".equalsIgnoreCase(channel.getTransport()) && SEND_BYTES != null) {
                // A pooled UDP channel still holds the previous packet's peer while parsing: answer the
                // Via's sent-by instead (RFC 3261 §18.2.2).
                Optional<InetSocketAddress> sentBy = BadRequestReply.viaSentBy(raw);
                if (sentBy.isEmpty() || !sentBy.get().getHostString().matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                    return; // no DNS lookups on the stack's receive thread
                }
                InetAddress address = InetAddress.getByName(sentBy.get().getHostString());
                SEND_BYTES.invoke(channel, reply.getBytes(StandardCharsets.UTF_8), address, sentBy.get().getPort(),
                    false);
            } else if (channel instanceof ConnectionOrientedMessageChannel && STREAM_SOCKET != null
                && STREAM_SOCKET.get(channel) instanceof Socket socket) {
                // A stream channel belongs to one connection: answer on it. The stack's own send path
                // looks the connection up in a cache a connection enters only with its first valid
                // message, so it would dial the client's ephemeral port instead.
                synchronized (channel) {
                    OutputStream out = socket.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            LOG.debug("Demo PBX could not answer a malformed request", e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException | RuntimeException e) {
            LOG.debug("Demo PBX could not answer a malformed request", e);
        }
    }

    /** The TCP channel's socket is a protected field; reading it is the only way to answer on it. */
    private static Field streamSocketField() {
        try {
            Field f = ConnectionOrientedMessageChannel.class.getDeclaredField("mySock");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Demo PBX cannot answer malformed requests over TCP: {}", e.toString());
            return null;
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
