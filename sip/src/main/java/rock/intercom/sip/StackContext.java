package rock.intercom.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Per-stack objects that JAIN-SIP's reflectively created plug-ins (network layer, parser factory)
 * need. The stack builds them with a no-argument constructor, so they find their context here by
 * the stack name; a session registers its context before creating the stack and removes it on close.
 *
 * @param sslContext  trust for TLS (the uploaded CA or the system store); null without TLS
 * @param tlsPeerName the name the server certificate must carry (the configured address)
 * @param problems    where plug-ins report refused certificates and malformed messages
 * @param inbound     who may connect to the door's TCP listener
 */
record StackContext(SSLContext sslContext, String tlsPeerName, TransportProblems problems,
                    InboundConnections inbound) {

    private static final Map<String, StackContext> BY_STACK_NAME = new ConcurrentHashMap<>();

    static void register(String stackName, StackContext context) {
        BY_STACK_NAME.put(stackName, context);
    }

    static void unregister(String stackName) {
        BY_STACK_NAME.remove(stackName);
    }

    static StackContext of(String stackName) {
        StackContext context = BY_STACK_NAME.get(stackName);
        if (context == null) {
            throw new IllegalStateException("no context registered for SIP stack " + stackName);
        }
        return context;
    }
}
