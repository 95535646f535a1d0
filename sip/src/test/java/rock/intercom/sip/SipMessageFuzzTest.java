package rock.intercom.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.Properties;
import javax.sip.SipFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target of the SIP message path as the agent's stack runs it: JAIN-SIP's parser behind
 * {@link WatchingMessageParserFactory}, then {@link RequestScreen}. Any bytes either parse or are
 * refused with {@link ParseException}; a parsed request gets a verdict; nothing else escapes.
 * In the suite it replays its seed corpus ({@code SipMessageFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes.
 */
class SipMessageFuzzTest {

    private static final String STACK = "fuzz-sip-parser";
    private static SipStackImpl stack;
    private static MessageParser parser;

    @BeforeAll
    static void openParser() throws Exception {
        StackContext.register(STACK, new StackContext(null, "127.0.0.1",
                new TransportProblems(InetAddress.getLoopbackAddress(), 5060),
                new InboundConnections(address -> false, () -> false)));
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", STACK);
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", WatchingMessageParserFactory.class.getName());
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        stack = (SipStackImpl) factory.createSipStack(p);
        parser = new WatchingMessageParserFactory().createMessageParser(stack);
    }

    @AfterAll
    static void closeParser() {
        if (stack != null) {
            stack.stop();
        }
        StackContext.unregister(STACK);
    }

    @FuzzTest(maxDuration = "30s")
    void packetsParseOrAreRefused(byte[] packet) {
        SIPMessage message;
        try {
            message = parser.parseSIPMessage(packet, true, false, null);
        } catch (ParseException refused) {
            assertThat(refused.getMessage()).matches("[A-Za-z -]{1,40}");
            return;
        }
        if (message instanceof SIPRequest request) {
            RequestScreen.check(request);
            assertThat(request.getCSeq()).isNotNull();
            assertThat(request.getCallId()).isNotNull();
        }
    }
}
