package rock.intercom.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * JAIN-SIP's own parser, watched: a message that does not parse, or a response without the
 * headers a transaction needs (RFC 3261 §8.1.1), is reported to {@link TransportProblems} before
 * the stack drops it, so a registration attempt can fail with "malformed response" rather than a
 * bare timeout. Parsing itself is unchanged. Named by {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class WatchingMessageParserFactory implements MessageParserFactory {

    private final StringMsgParserFactory delegate = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        TransportProblems problems = StackContext.of(((SipStackImpl) stack).getStackName()).problems();
        return (bytes, readBody, strict, listener) -> parse(parser, problems, bytes, readBody, strict, listener);
    }

    private static SIPMessage parse(MessageParser parser, TransportProblems problems, byte[] bytes, boolean readBody,
            boolean strict, ParseExceptionListener listener) throws ParseException {
        ParseExceptionListener watching = listener == null ? null
                : (ex, message, headerClass, header, text) -> {
                    problems.malformed("bad header: " + abbreviate(header));
                    listener.handleException(ex, message, headerClass, header, text);
                };
        SIPMessage message;
        try {
            message = parser.parseSIPMessage(bytes, readBody, strict, watching);
        } catch (ParseException | RuntimeException e) {
            problems.malformed("unparseable message: " + abbreviate(e.getMessage()));
            throw e;
        }
        if (message instanceof SIPResponse response && (response.getCSeq() == null || response.getCallId() == null
                || response.getFrom() == null || response.getTo() == null || response.getTopmostVia() == null)) {
            problems.malformed("response " + response.getStatusCode() + " without From, To, Call-ID, CSeq or Via");
        }
        return message;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(empty)";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
