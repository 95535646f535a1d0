package rock.intercom.sip.call;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * JAIN-SIP answers a request whose From, To, Via, CSeq or Call-ID does not parse with its own
 * 400 Bad Request, putting the parse error into the reason phrase — header text, line break and
 * all, which makes the 400 itself unparseable for the caller. This parser factory (named by
 * {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}) keeps parsing unchanged and hands the stack a
 * one-line error instead, so a malformed INVITE gets a well-formed 400 (RFC 3261 §21.4.1).
 * {@link #oneLine(ParseExceptionListener)} lets another parser factory do the same.
 */
public final class OneLineParseErrors implements MessageParserFactory {

    private final StringMsgParserFactory delegate = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = delegate.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> parser.parseSIPMessage(bytes, readBody, strict, oneLine(listener));
    }

    /**
     * The listener, receiving parse errors whose message is a fixed, short phrase naming the header
     * ("Bad CSeq Header"): the parser's own text can hold Java internals ({@code [C@795e2164 ID
     * expected}) and the sender's bytes, neither of which belongs in our reason phrase.
     */
    public static ParseExceptionListener oneLine(ParseExceptionListener listener) {
        if (listener == null) {
            return null;
        }
        return (error, message, headerClass, header, text) -> listener.handleException(
                new ParseException(phrase(headerClass), error.getErrorOffset()), message, headerClass, header, text);
    }

    static String phrase(Class<?> headerClass) {
        String name = headerClass == null ? "" : printable(headerClass.getSimpleName());
        return name.isEmpty() ? "Bad Header" : "Bad " + name + " Header";
    }

    static String printable(String text) {
        if (text == null) {
            return "bad header";
        }
        String flat = text.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7e]", "?").strip();
        return flat.length() > 100 ? flat.substring(0, 100) : flat;
    }
}
