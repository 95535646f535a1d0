package rock.intercom.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.call.CallInput.IncomingInvite;
import rock.intercom.call.CallSignalling;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.Transport;
import rock.intercom.sip.RegistrationState;
import rock.intercom.sip.SipAgent;
import rock.intercom.sip.SipAgentOptions;
import rock.intercom.testkit.TestDevices;

/**
 * RFC 4475 §3 (SIP torture test messages) sent over UDP to the running door — the SIP agent
 * registered with Kamailio, its call dialogs attached as in the device — as a table: the RFC's
 * message (resource {@code rfc4475/torture.txt}), the outcome expected of a user agent, and after
 * each one the door must still answer OPTIONS with 200.
 */
class TortureMessagesTest {

    private static final Path DIR = Path.of("target", "call-tests", "torture").toAbsolutePath();
    private static final Duration ANSWER_WAIT = Duration.ofMillis(1500);
    /** Messages that need no answer (responses nobody asked for) get this long to do harm. */
    private static final Duration IGNORED_WAIT = Duration.ofMillis(300);
    private static final Map<String, String> MESSAGES = load();
    private static final AtomicInteger SENDS = new AtomicInteger();

    private static CallServer server;
    private static SipAgent agent;
    private static CallDialogs dialogs;
    private static RawSipPeer peer;

    /** What the door must do with a message. */
    enum Outcome {
        /** A final answer, not 400 and not 5xx: the message is valid and was handled. */
        ANSWERED,
        /** 400 Bad Request with a short reason phrase of printable characters. */
        BAD_REQUEST,
        /** 400, or nothing when the message is too broken to address an answer to. */
        BAD_REQUEST_OR_IGNORED,
        /** Either: RFC 4475 lets a tolerant parser accept it. */
        ANSWERED_OR_BAD_REQUEST,
        /** A response nobody asked for: no answer, no harm. */
        IGNORED,
        /** 501 Not Implemented with Allow (RFC 3261 §21.5.2). */
        NOT_IMPLEMENTED_WITH_ALLOW,
        /** 505 Version Not Supported. */
        VERSION_NOT_SUPPORTED,
        /** 416 Unsupported URI Scheme. */
        UNSUPPORTED_URI_SCHEME,
        /** 420 Bad Extension with Unsupported (RFC 3261 §8.2.2.3). */
        BAD_EXTENSION_WITH_UNSUPPORTED,
        /** 415 Unsupported Media Type with Accept (RFC 3261 §8.2.3). */
        UNSUPPORTED_MEDIA_WITH_ACCEPT
    }

    static Stream<Arguments> tortureMessages() {
        return Stream.of(
                // 3.1.1 valid messages
                row("wsinv", Outcome.ANSWERED),
                // Valid by the RFC, but JAIN-SIP's parser refuses its To display name: a short 400 at least.
                row("intmeth", Outcome.BAD_REQUEST),
                row("esc01", Outcome.ANSWERED),
                row("escnull", Outcome.ANSWERED),
                row("esc02", Outcome.NOT_IMPLEMENTED_WITH_ALLOW),
                row("lwsdisp", Outcome.ANSWERED),
                row("longreq", Outcome.ANSWERED),
                row("dblreq", Outcome.ANSWERED),
                row("semiuri", Outcome.ANSWERED),
                row("transports", Outcome.ANSWERED),
                row("mpart01", Outcome.NOT_IMPLEMENTED_WITH_ALLOW),
                row("unreason", Outcome.IGNORED),
                row("noreason", Outcome.IGNORED),
                // 3.1.2 invalid messages
                row("badinv01", Outcome.BAD_REQUEST_OR_IGNORED),
                row("clerr", Outcome.BAD_REQUEST_OR_IGNORED),
                row("ncl", Outcome.BAD_REQUEST_OR_IGNORED),
                row("scalar02", Outcome.BAD_REQUEST),
                row("scalarlg", Outcome.IGNORED),
                row("quotbal", Outcome.BAD_REQUEST),
                row("ltgtruri", Outcome.BAD_REQUEST),
                row("lwsruri", Outcome.BAD_REQUEST),
                row("lwsstart", Outcome.ANSWERED_OR_BAD_REQUEST),
                row("trws", Outcome.ANSWERED_OR_BAD_REQUEST),
                row("escruri", Outcome.ANSWERED_OR_BAD_REQUEST),
                row("baddate", Outcome.ANSWERED_OR_BAD_REQUEST),
                row("regbadct", Outcome.ANSWERED_OR_BAD_REQUEST),
                row("badaspec", Outcome.ANSWERED_OR_BAD_REQUEST),
                // The RFC asks for 400; JAIN-SIP's parser takes the unquoted display name as it is.
                row("baddn", Outcome.ANSWERED_OR_BAD_REQUEST),
                row("badvers", Outcome.VERSION_NOT_SUPPORTED),
                row("mismatch01", Outcome.BAD_REQUEST),
                row("mismatch02", Outcome.BAD_REQUEST),
                row("bigcode", Outcome.IGNORED),
                // 3.2 transaction layer
                row("badbranch", Outcome.ANSWERED),
                // 3.3 application layer
                row("insuf", Outcome.BAD_REQUEST_OR_IGNORED),
                row("unkscm", Outcome.UNSUPPORTED_URI_SCHEME),
                row("novelsc", Outcome.UNSUPPORTED_URI_SCHEME),
                row("unksm2", Outcome.ANSWERED_OR_BAD_REQUEST),
                row("bext01", Outcome.BAD_EXTENSION_WITH_UNSUPPORTED),
                row("invut", Outcome.UNSUPPORTED_MEDIA_WITH_ACCEPT),
                row("regaut01", Outcome.ANSWERED),
                row("multi01", Outcome.BAD_REQUEST),
                row("mcl01", Outcome.BAD_REQUEST_OR_IGNORED),
                row("bcast", Outcome.IGNORED),
                row("zeromf", Outcome.ANSWERED),
                row("cparam01", Outcome.ANSWERED),
                row("cparam02", Outcome.ANSWERED),
                row("regescrt", Outcome.ANSWERED),
                row("sdp01", Outcome.ANSWERED),
                // 3.4 backward compatibility
                // Without Contact no dialog can be built (RFC 3261 §8.1.1.8): an answer, 400, not silence.
                row("inv2543", Outcome.ANSWERED_OR_BAD_REQUEST));
    }

    private static Arguments row(String name, Outcome outcome) {
        return Arguments.of(name, outcome);
    }

    @BeforeAll
    static void startDoor() {
        server = CallServer.start(DIR.resolve("kamailio"),
                Map.of(TestDevices.LOCAL_EXTENSION, TestDevices.LOCAL_PASSWORD), Map.of());
        DeviceSettings settings = TestDevices.withIncoming(
                TestDevices.local(server.port(), Transport.UDP, TestDevices.LOCAL_PASSWORD),
                IncomingCallMode.SIP_SERVER, List.of());
        agent = new SipAgent(SipAgentOptions.onPort(0));
        dialogs = CallDialogs.attachTo(agent, new FixedPcmuSdp());
        CallSignalling signalling = dialogs.signalling();
        CallInputRecorder inputs = new CallInputRecorder();
        // The driver's part: these callers are strangers, every call is refused.
        inputs.react(input -> {
            if (input instanceof IncomingInvite invite) {
                signalling.rejectIncoming(invite.callId(), 486, "Busy Here");
            }
        });
        signalling.start(inputs);
        agent.start(settings);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> agent.registrationStatus().state() == RegistrationState.REGISTERED);
        peer = new RawSipPeer(agent.localPort());
    }

    @AfterAll
    static void stopDoor() {
        if (peer != null) {
            peer.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (dialogs != null) {
            dialogs.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("tortureMessages")
    void doorGivesTheRfcAnswerAndStillAnswersOptions(String name, Outcome outcome) {
        String message = fill(name, MESSAGES.get(name));
        assertThat(message).as("message " + name + " in rfc4475/torture.txt").isNotNull();
        String callId = callId(message);

        peer.send(message);
        boolean answerExpected = outcome != Outcome.IGNORED;
        List<String> responses = peer.responses(callId, answerExpected ? ANSWER_WAIT : IGNORED_WAIT);
        String last = responses.isEmpty() ? null : responses.get(responses.size() - 1);
        int status = last == null ? 0 : RawSipPeer.status(last);

        String seen = last == null ? "no answer" : last.lines().findFirst().orElse("");
        System.out.printf("RFC 4475 %-10s -> %s%n", name, seen);
        switch (outcome) {
            case ANSWERED -> assertThat(answered(status)).as(seen).isTrue();
            case BAD_REQUEST -> assertBadRequest(last, status, seen);
            case BAD_REQUEST_OR_IGNORED -> {
                if (last != null) {
                    assertBadRequest(last, status, seen);
                }
            }
            case ANSWERED_OR_BAD_REQUEST -> assertThat(answered(status) || status == 400).as(seen).isTrue();
            case IGNORED -> assertThat(responses).as(seen).isEmpty();
            case NOT_IMPLEMENTED_WITH_ALLOW -> {
                assertThat(status).as(seen).isEqualTo(501);
                assertThat(RawSipPeer.header(last, "Allow")).as(last).contains("INVITE").contains("OPTIONS");
            }
            case VERSION_NOT_SUPPORTED -> assertThat(status).as(seen).isEqualTo(505);
            case UNSUPPORTED_URI_SCHEME -> assertThat(status).as(seen).isEqualTo(416);
            case BAD_EXTENSION_WITH_UNSUPPORTED -> {
                assertThat(status).as(seen).isEqualTo(420);
                assertThat(RawSipPeer.header(last, "Unsupported")).as(last).contains("nothingSupportsThis");
            }
            case UNSUPPORTED_MEDIA_WITH_ACCEPT -> {
                assertThat(status).as(seen).isEqualTo(415);
                assertThat(RawSipPeer.header(last, "Accept")).as(last).contains("application/sdp");
            }
            default -> throw new AssertionError(outcome);
        }
        assertThat(peer.options(Duration.ofSeconds(3))).as("OPTIONS after " + name).isEqualTo(200);
    }

    private static boolean answered(int status) {
        return status >= 200 && status != 400 && status < 500 || status == 501;
    }

    private static void assertBadRequest(String response, int status, String seen) {
        assertThat(status).as(seen).isEqualTo(400);
        String reason = response.lines().findFirst().orElse("").substring("SIP/2.0 400 ".length());
        assertThat(reason).as("a fixed, short reason phrase").matches("[A-Za-z ()-]{1,60}");
    }

    private static String fill(String name, String template) {
        if (template == null) {
            return null;
        }
        // Many of the RFC's messages share one branch; sent to one door they would be taken as
        // retransmissions of each other (RFC 3261 §17.2.3), so each send gets its own, except the
        // message that is about the branch.
        String unique = name.equals("badbranch") ? template
                : template.replaceFirst("(@VIA@;branch=[^;\\r\\n]+)", "$1." + SENDS.incrementAndGet());
        String text = unique.replace("@VIA@", peer.sentBy()).replace("@DOOR@", "127.0.0.1:" + agent.localPort());
        Matcher repeat = Pattern.compile("@REPEAT:([^:@]+):(\\d+)@").matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(expanded, Matcher.quoteReplacement(
                    repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
        }
        repeat.appendTail(expanded);
        text = expanded.toString();
        int bodyStart = text.indexOf("\r\n\r\n");
        int bodyLength = bodyStart < 0 ? 0
                : text.substring(bodyStart + 4).getBytes(StandardCharsets.UTF_8).length;
        return text.replace("@CL@", Integer.toString(bodyLength));
    }

    private static String callId(String message) {
        Matcher m = Pattern.compile("(?im)^(?:call-id|i)\\s*:\\s*(\\S+)").matcher(message);
        return m.find() ? m.group(1) : "no-call-id";
    }

    /** The messages of {@code rfc4475/torture.txt} by name, with CRLF line ends. */
    private static Map<String, String> load() {
        try (InputStream in = TortureMessagesTest.class.getResourceAsStream("/rfc4475/torture.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> messages = new LinkedHashMap<>();
            for (String block : text.split("(?m)^=== ")) {
                if (block.startsWith("#")) {
                    continue;
                }
                int nameEnd = block.indexOf('\n');
                String name = block.substring(0, nameEnd).trim();
                String body = block.substring(nameEnd + 1);
                if (body.endsWith("\n")) {
                    body = body.substring(0, body.length() - 1);
                }
                messages.put(name, String.join("\r\n", body.split("\n", -1)) + "\r\n");
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
