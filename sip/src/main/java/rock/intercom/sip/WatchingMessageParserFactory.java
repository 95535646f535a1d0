package rock.intercom.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import rock.intercom.sip.call.OneLineParseErrors;

/**
 * JAIN-SIP's own parser, watched. A packet that does not parse, or lacks a header every message
 * needs (From, To, Call-ID, CSeq, Via: RFC 3261 §8.1.1), or has one of them twice
 * ({@link SingleHeaders}: RFC 4475 §3.3.8), costs one bounded line in
 * {@link BadPacketLog} and is refused as a whole with a fixed, short reason (which the stack puts
 * into its automatic 400, so no parser internals reach the sender); the stack never sees it
 * half-parsed. It is also shown to {@link TransportProblems}, which counts it only when it is the
 * server's answer to the REGISTER in flight. Named by {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class WatchingMessageParserFactory implements MessageParserFactory {

    /** The reason phrase of every 400 for a message that does not parse. */
    static final String MALFORMED = "Malformed Message";
    /** How much of a bad packet is quoted in its log line. */
    private static final int QUOTED_BYTES = 120;

    private final StringMsgParserFactory delegate = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        TransportProblems problems = StackContext.of(((SipStackImpl) stack).getStackName()).problems();
        return (bytes, readBody, strict, listener) -> parse(parser, problems, bytes, readBody, strict, listener);
    }

    private static SIPMessage parse(MessageParser parser, TransportProblems problems, byte[] bytes, boolean readBody,
            boolean strict, ParseExceptionListener listener) throws ParseException {
        Packet packet = new Packet(listener, bytes);
        ParseExceptionListener oneLine = OneLineParseErrors.oneLine(listener);
        ParseExceptionListener watching = oneLine == null ? null
                : (ex, message, headerClass, header, text) -> {
                    packet.bad(problems, "bad " + headerClass.getSimpleName() + " header");
                    oneLine.handleException(ex, message, headerClass, header, text);
                };
        String duplicate = SingleHeaders.repeated(bytes);
        if (duplicate != null) {
            packet.bad(problems, "more than one " + duplicate);
            throw new ParseException("Duplicate " + duplicate + " Header", 0);
        }
        SIPMessage message;
        try {
            message = parser.parseSIPMessage(bytes, readBody, strict, watching);
        } catch (ParseException | RuntimeException e) {
            // A RuntimeException here is a parser bug met by hostile input: the packet is bad, the stack lives on.
            packet.bad(problems, "unparseable (" + e.getClass().getSimpleName() + ")");
            throw new ParseException(MALFORMED, 0);
        }
        if (message != null && (message.getCSeq() == null || message.getCallId() == null || message.getFrom() == null
                || message.getTo() == null || message.getTopmostVia() == null)) {
            packet.bad(problems, "no From, To, Call-ID, CSeq or Via");
            throw new ParseException("Missing Mandatory Header", 0);
        }
        if (message instanceof SIPRequest request && request.getRequestLine() != null) {
            // The parser reads "SIP/7.0" and keeps "SIP/2.0"; keep what was sent, so the
            // request screen can answer 505 (RFC 3261 §8.1.1.1, RFC 4475 §3.1.2.16).
            request.getRequestLine().setSipVersion(sentVersion(bytes));
        }
        if (message instanceof SIPRequest request && request.getMaxForwards() == null) {
            // RFC 2543 requests have no Max-Forwards; it matters to proxies only (RFC 3261 §8.1.1.6),
            // but the stack refuses a server transaction without one, which would leave the caller unanswered.
            request.setHeader(defaultMaxForwards());
        }
        return message;
    }

    /** The last token of the request line as sent (after any leading CRLFs): its SIP version, or "SIP/?". */
    static String sentVersion(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1).strip();
        String version = line.substring(line.lastIndexOf(' ') + 1);
        // JAIN-SIP quotes it in its own 505's reason phrase: only a short, plain token may go back.
        return version.matches("[A-Za-z0-9/.]{1,16}") ? version : "SIP/?";
    }

    private static MaxForwards defaultMaxForwards() {
        try {
            return new MaxForwards(70);
        } catch (javax.sip.InvalidArgumentException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** One received packet and where it came from; reported at most once. */
    private static final class Packet {
        private final InetAddress address;
        private final int port;
        private final byte[] bytes;
        private boolean reported;

        Packet(ParseExceptionListener listener, byte[] bytes) {
            MessageChannel channel = listener instanceof MessageChannel ? (MessageChannel) listener : null;
            // The channel knows its peer before parsing (the packet's source); the "packet source" fields come later.
            this.address = channel == null ? null : address(channel.getPeerAddress());
            this.port = channel == null ? -1 : channel.getPeerPort();
            this.bytes = bytes;
        }

        private static InetAddress address(String literal) {
            try {
                return literal == null ? null : InetAddress.getByName(literal);
            } catch (java.net.UnknownHostException notALiteral) {
                return null;
            }
        }

        void bad(TransportProblems problems, String why) {
            if (reported) {
                return;
            }
            reported = true;
            String text = bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
            // By address only: the UDP channel learns the source port after parsing, and one flooding
            // host is one source whatever ports it sends from.
            String source = "bad SIP packet from " + (address == null ? "?" : address.getHostAddress());
            int length = bytes == null ? 0 : bytes.length;
            BadPacketLog.packets().report(source, why + ", " + length + " bytes: "
                    + text.substring(0, Math.min(QUOTED_BYTES, text.length())));
            problems.malformed(address, port, text, why);
        }
    }
}
