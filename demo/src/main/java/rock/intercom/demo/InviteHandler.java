package rock.intercom.demo;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import rock.intercom.media.ParseResult;
import rock.intercom.media.sdp.SdpParser;
import rock.intercom.media.sdp.SessionDescription;

/**
 * Routes INVITEs: authenticate with a proxy-style 407 challenge (as PBXs do), then the guard desk
 * extension goes to {@link GuardDesk}; registered users cannot be reached through the demo (480);
 * any other number does not exist (404). Bad requests get 400/415/488 with a reason. Used on the
 * PBX's event thread.
 */
final class InviteHandler {
    private final PbxSignalling sip;
    private final RequestAuthenticator authenticator;
    private final GuardDesk guardDesk;
    private final String guardDeskExtension;
    private final Set<String> users;

    InviteHandler(PbxSignalling sip, RequestAuthenticator authenticator, GuardDesk guardDesk,
                  String guardDeskExtension, Set<String> users) {
        this.sip = sip;
        this.authenticator = authenticator;
        this.guardDesk = guardDesk;
        this.guardDeskExtension = guardDeskExtension;
        this.users = Set.copyOf(users);
    }

    void onInvite(RequestEvent event) {
        ServerTransaction st = sip.transaction(event);
        if (st == null) {
            return;
        }
        Request invite = event.getRequest();
        boolean inDialog = ((ToHeader) invite.getHeader(ToHeader.NAME)).getTag() != null;
        if (inDialog) {
            ParseResult<SessionDescription> offer = offerOf(st, invite);
            if (offer instanceof ParseResult.Parsed<SessionDescription> p) {
                guardDesk.onReInvite(st, invite, p.value());
            }
            return;
        }
        if (authenticator.authenticate(st, invite, true) == null) {
            return;
        }
        String target = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        if (guardDeskExtension.equals(target)) {
            if (invite.getHeader(ContactHeader.NAME) == null) {
                sip.send(st, sip.response(invite, Response.BAD_REQUEST, "Missing Contact", null));
                return;
            }
            ParseResult<SessionDescription> offer = offerOf(st, invite);
            if (offer instanceof ParseResult.Parsed<SessionDescription> p) {
                guardDesk.onOffer(st, invite, p.value());
            }
        } else if (target != null && users.contains(target)) {
            sip.send(st, sip.response(invite, Response.TEMPORARILY_UNAVAILABLE,
                "Demo PBX does not forward calls to devices", null));
        } else {
            sip.send(st, sip.response(invite, Response.NOT_FOUND));
        }
    }

    /** The SDP offer, or a reply already sent (415, 488 without offer, 400 for broken SDP). */
    private ParseResult<SessionDescription> offerOf(ServerTransaction st, Request invite) {
        ContentTypeHeader type = (ContentTypeHeader) invite.getHeader(ContentTypeHeader.NAME);
        byte[] body = invite.getRawContent();
        if (body == null || body.length == 0) {
            // A late offer (RFC 3264 §4, offer in the 200) is legal but the demo does not make offers.
            return refuse(st, invite, Response.NOT_ACCEPTABLE_HERE, "Demo PBX needs an SDP offer in the INVITE");
        }
        if (type == null || !"application".equalsIgnoreCase(type.getContentType())
            || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return refuse(st, invite, Response.UNSUPPORTED_MEDIA_TYPE, "Only application/sdp");
        }
        ParseResult<SessionDescription> offer = SdpParser.parse(new String(body, StandardCharsets.UTF_8));
        if (offer instanceof ParseResult.Malformed<SessionDescription> m) {
            return refuse(st, invite, Response.BAD_REQUEST, "Malformed SDP: " + m.reason());
        }
        return offer;
    }

    private ParseResult<SessionDescription> refuse(ServerTransaction st, Request invite, int status, String reason) {
        Response response = sip.response(invite, status, reason, null);
        if (status == Response.UNSUPPORTED_MEDIA_TYPE) {
            try {
                response.setHeader(sip.headers.createAcceptHeader("application", "sdp"));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        sip.send(st, response);
        return ParseResult.malformed(reason);
    }
}
