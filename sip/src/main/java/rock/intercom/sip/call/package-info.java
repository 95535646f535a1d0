/**
 * The call dialogs of the door: {@link rock.intercom.call.CallSignalling} over JAIN-SIP.
 *
 * <p>{@link rock.intercom.sip.call.CallDialogs} is the entry point: it is the SIP agent's
 * {@link rock.intercom.sip.SipEventRouter} (it claims INVITE, ACK, CANCEL, BYE, OPTIONS and INFO and
 * the responses and timeouts of the INVITE, CANCEL and BYE it sent) and hands each event to the
 * small class for its operation — {@code InviteClient}, {@code CancelSender}, {@code AckSender},
 * {@code ByeSender} for our calls; {@code IncomingInviteServer}, {@code InviteAnswerer},
 * {@code AckHandler}, {@code CancelHandler}, {@code ByeHandler}, {@code ReInviteHandler},
 * {@code OptionsResponder}, {@code InfoHandler} for the caller's. The adapters translate, they do not decide: who may
 * call, when to cancel and when to hang up is the call driver's business (module {@code call}).
 *
 * <p>Threading: one "sip-call-dialogs" thread owns all call state; JAIN-SIP callbacks only
 * classify and enqueue, and the driver's commands are queued to the same thread, so every call
 * sees its requests, responses and commands in one order. Inputs go to the driver's sink from
 * that thread, never under a lock.
 *
 * <p>Media is reached through {@link rock.intercom.call.media.SessionDescriptions} (SDP in and out,
 * RFC 3264; the other offer after a 488/415/606, {@code OfferRetry}; DTMF digits from SIP INFO),
 * the port module {@code call} defines. An SDP the peer sends is applied before the input that
 * follows from it is posted, so {@code Answered} and {@code IncomingAcknowledged} carry the agreed media.
 */
package rock.intercom.sip.call;
