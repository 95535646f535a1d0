package rock.intercom.call;

import rock.intercom.call.CallInput.IncomingInvite;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.IncomingCallMode;
import rock.intercom.settings.Identity;
import rock.intercom.settings.SipSettings;
import rock.intercom.settings.SipUri;

/**
 * Who may call the door (guide step 7, issues 5 and 11). Checks, in order:
 * <ol>
 * <li>{@code incomingCalls.allow} false → 403, {@value CallReasons#INCOMING_CALLS_DISABLED};</li>
 * <li>the INVITE did not come from the configured SIP server or proxy, and either the mode is
 *     SIP_SERVER or {@code acceptDirectCalls} is off → 403, {@value CallReasons#NOT_FROM_SIP_SERVER}:
 *     a direct INVITE's From is whatever its sender wrote;</li>
 * <li>the Request-URI names a user other than the device's extension or auth user → 404;</li>
 * <li>no From URI at all → 400 (RFC 3261 §8.1.1.3 makes it mandatory);</li>
 * <li>EXTENSION_LIST mode and the caller matches no entry (a caller that is not a valid SIP URI
 *     matches none) → 403, {@value CallReasons#CALLER_NOT_ALLOWED}.</li>
 * </ol>
 * Every refusal of a request that did not come from the server is 403 Forbidden, whatever the
 * reason, so a scanner cannot tell the door's extension from any other user (the reason is only
 * recorded). The identity checked is the From URI; a P-Asserted-Identity is used instead only when
 * the INVITE came from the configured server (RFC 3325 §9.1: trust it only from a trusted peer).
 * SIP_SERVER mode never checks ring-group membership: the device cannot know it (guide).
 * Stateless and thread-safe.
 */
public final class IncomingCallPolicy {

    private IncomingCallPolicy() {
    }

    /** Decides about one incoming INVITE under the given settings. Never throws for bad input. */
    public static IncomingDecision decide(DeviceSettings settings, IncomingInvite invite) {
        SipSettings sip = settings == null ? null : settings.sip();
        if (sip == null || !sip.enabled() || sip.incomingCalls() == null || !sip.incomingCalls().allow()) {
            return forbidden(CallReasons.INCOMING_CALLS_DISABLED);
        }
        boolean fromServer = comesFromServer(sip, invite.source());
        IncomingCallMode mode = settings.effectiveIncomingCallMode();
        if (!fromServer && (mode == IncomingCallMode.SIP_SERVER || !sip.incomingCalls().acceptDirectCalls())) {
            return forbidden(CallReasons.NOT_FROM_SIP_SERVER);
        }
        IncomingDecision decision = decideAllowedSource(sip, mode, fromServer, invite);
        if (!fromServer && decision instanceof IncomingDecision.Refuse refuse) {
            return forbidden(refuse.reason());
        }
        return decision;
    }

    private static IncomingDecision decideAllowedSource(SipSettings sip, IncomingCallMode mode, boolean fromServer,
            IncomingInvite invite) {
        if (!addressedToDevice(sip.identity(), invite.targetUser())) {
            return new IncomingDecision.Refuse(404, "Not Found", CallReasons.UNKNOWN_USER);
        }
        if (invite.callerUri() == null || invite.callerUri().isBlank()) {
            return new IncomingDecision.Refuse(400, "Bad Request", CallReasons.MALFORMED_CALLER);
        }
        SipUri caller = SipUri.parse(invite.callerUri()).uriOrNull();
        if (fromServer && invite.assertedIdentity() != null) {
            SipUri asserted = SipUri.parse(invite.assertedIdentity()).uriOrNull();
            caller = asserted != null ? asserted : caller;
        }
        if (mode == IncomingCallMode.SIP_SERVER) {
            // The server authorised it; a caller URI we cannot parse (a tel: URI) is only recorded.
            return new IncomingDecision.Allow(caller != null ? caller.toString() : invite.callerUri().strip());
        }
        if (!AllowedCallers.of(sip.incomingCalls().allowedCallers()).allows(caller)) {
            return forbidden(CallReasons.CALLER_NOT_ALLOWED);
        }
        return new IncomingDecision.Allow(caller.toString());
    }

    /**
     * True when the request arrived on the device's own connection to the server, or its source
     * is the configured server or (enabled) proxy, address ignoring case and port exactly.
     */
    static boolean comesFromServer(SipSettings sip, InviteSource source) {
        if (source.viaServerConnection()) {
            return true;
        }
        var server = sip.server();
        if (server != null && sameAddress(server.address(), source.address()) && server.effectivePort() == source.port()) {
            return true;
        }
        var proxy = sip.proxy();
        return proxy != null && proxy.enabled() && sameAddress(proxy.address(), source.address())
                && proxy.effectivePort() == source.port();
    }

    private static boolean sameAddress(String configured, String actual) {
        return configured != null && actual != null && !configured.isBlank()
                && strip(configured).equalsIgnoreCase(strip(actual));
    }

    private static String strip(String address) {
        String trimmed = address.trim();
        return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** No target user, or no identity configured, is accepted: the server routed it to our contact. */
    private static boolean addressedToDevice(Identity identity, String targetUser) {
        if (targetUser == null || targetUser.isBlank() || identity == null) {
            return true;
        }
        boolean anyConfigured = false;
        for (String own : new String[] {identity.extension(), identity.authUsername()}) {
            if (own != null && !own.isBlank()) {
                anyConfigured = true;
                if (own.trim().equals(targetUser.trim())) {
                    return true;
                }
            }
        }
        return !anyConfigured;
    }

    private static IncomingDecision forbidden(String reason) {
        return new IncomingDecision.Refuse(403, "Forbidden", reason);
    }
}
