package rock.intercom.sip.trace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who wants the SIP messages of the stack on a local port. JAIN-SIP creates its message logger by
 * class name ({@link TracingServerLogger}), so the logger finds its listener here, by the local
 * port of each message — which survives the agent's re-creating its stack on a settings change.
 * A listener runs on the stack's threads: it must be quick and never throw. Thread-safe.
 */
public final class SipMessageTaps {

    private static final Map<Integer, Consumer<CapturedMessage>> BY_PORT = new ConcurrentHashMap<>();

    private SipMessageTaps() {
    }

    /** Sends the messages of the stack on {@code localPort} to {@code tap} until the handle is closed. */
    public static AutoCloseable register(int localPort, Consumer<CapturedMessage> tap) {
        BY_PORT.put(localPort, tap);
        return () -> BY_PORT.remove(localPort, tap);
    }

    static Consumer<CapturedMessage> forPort(int localPort) {
        return BY_PORT.get(localPort);
    }

    static boolean isEmpty() {
        return BY_PORT.isEmpty();
    }

    /** Whether any stack's messages are wanted (the stack logger then lets message logging through). */
    public static boolean active() {
        return !BY_PORT.isEmpty();
    }
}
