package rock.intercom.sip.call;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls the adapter knows, by Call-ID. Legs are mutated only on the dialogs' thread; the map
 * is concurrent so the SIP listener can ask {@link #knows} from a stack thread. Bounded: a door has
 * one call and a few stale ones at most, and new incoming INVITEs beyond {@link #LIMIT} are refused.
 */
final class CallLegs {

    /** More legs than this means something is not being cleaned up; refuse new ones (503). */
    static final int LIMIT = 32;

    private final Map<String, CallLeg<?>> byCallId = new ConcurrentHashMap<>();

    boolean knows(String callId) {
        return callId != null && byCallId.containsKey(callId);
    }

    boolean full() {
        return byCallId.size() >= LIMIT;
    }

    void add(CallLeg<?> leg) {
        byCallId.put(leg.callId(), leg);
    }

    Optional<CallLeg<?>> find(String callId) {
        return callId == null ? Optional.empty() : Optional.ofNullable(byCallId.get(callId));
    }

    Optional<OutgoingLeg> outgoing(String callId) {
        return find(callId).filter(OutgoingLeg.class::isInstance).map(OutgoingLeg.class::cast);
    }

    Optional<IncomingLeg> incoming(String callId) {
        return find(callId).filter(IncomingLeg.class::isInstance).map(IncomingLeg.class::cast);
    }

    void remove(String callId) {
        byCallId.remove(callId);
    }

    /** Forgets the leg and ends it: later requests and responses for its Call-ID find no call. */
    void end(CallLeg<?> leg) {
        remove(leg.callId());
        leg.end();
    }

    Collection<CallLeg<?>> all() {
        return List.copyOf(byCallId.values());
    }
}
