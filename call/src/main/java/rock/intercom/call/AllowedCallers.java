package rock.intercom.call;

import java.util.ArrayList;
import java.util.List;
import rock.intercom.settings.SipUri;
import rock.intercom.settings.SipUriResult;

/**
 * The Allow Incoming Calls list (guide step 7) as SIP URIs. A caller is allowed when its URI is
 * equivalent to an entry under RFC 3261 §19.1.4 ({@link SipUri#equivalentTo}): so
 * {@code sip:101@pbx.example.com} does not allow {@code sip:101@pbx.example.com:5060} or
 * {@code sip:101@pbx.example.com;transport=tcp} — enter the URI the way callers present it.
 * Entries that are not valid SIP URIs never match anything and are reported. Immutable.
 */
public final class AllowedCallers {

    private final List<SipUri> entries;
    private final List<SipUriResult.Malformed> malformedEntries;

    private AllowedCallers(List<SipUri> entries, List<SipUriResult.Malformed> malformedEntries) {
        this.entries = List.copyOf(entries);
        this.malformedEntries = List.copyOf(malformedEntries);
    }

    /** The list from settings ({@code incomingCalls.allowedCallers}); null means empty. */
    public static AllowedCallers of(List<String> uris) {
        var valid = new ArrayList<SipUri>();
        var malformed = new ArrayList<SipUriResult.Malformed>();
        for (String uri : uris == null ? List.<String>of() : uris) {
            SipUriResult result = SipUri.parse(uri);
            if (result instanceof SipUriResult.Valid ok) {
                valid.add(ok.uri());
            } else {
                malformed.add((SipUriResult.Malformed) result);
            }
        }
        return new AllowedCallers(valid, malformed);
    }

    /** True when the caller equals one of the entries. */
    public boolean allows(SipUri caller) {
        return caller != null && entries.stream().anyMatch(entry -> entry.equivalentTo(caller));
    }

    /** The entries that could not be parsed (they allow nobody). */
    public List<SipUriResult.Malformed> malformedEntries() {
        return malformedEntries;
    }

    /** How many valid entries the list has. */
    public int size() {
        return entries.size();
    }
}
