/**
 * The door's call logic, pure: no sockets, no threads, time from an injected {@link
 * rock.intercom.call.Ticker}, timers as commands (issues 4 and 5).
 *
 * <p>How a driver uses it: one thread owns a {@link rock.intercom.call.DoorCall}; the button,
 * the SIP adapter, timers and the settings store post {@link rock.intercom.call.CallInput}s to
 * that thread; each {@code handle(input)} returns {@link rock.intercom.call.CallCommand}s which
 * the thread executes in order (events are appended after the state is consistent, never under a
 * lock). The SIP adapter, reached through {@link rock.intercom.call.CallSignalling}, translates;
 * it does not decide:
 * <ul>
 * <li>{@code SendInvite(callId, …)} → INVITE with exactly that Call-ID; 1xx →
 *     {@code Provisional}; 2xx → its SDP answer applied through the media port, then
 *     {@code Answered} carrying the agreed media (then the machine asks for {@code SendAck});
 *     final 3xx–6xx after any 401/407 retry → {@code Rejected}; Timer B → {@code NoResponse};
 *     IOException / TLS failure → {@code TransportFailed}.</li>
 * <li>BYE received on a dialog → reply 200, post {@code RemoteHangUp}; in-dialog failures →
 *     {@code DialogFailed}.</li>
 * <li>New INVITE → reply 100, post {@code IncomingInvite}; {@code AnswerIncoming} → 200 with SDP;
 *     ACK → {@code IncomingAcknowledged} carrying the agreed media; CANCEL → reply 200 and 487, post
 *     {@code IncomingCancelled}; re-INVITE and OPTIONS are answered by the adapter alone.</li>
 * </ul>
 * Every input about a call carries its Call-ID; inputs about another call are ignored.
 *
 * <p>The call's ports live here and in {@link rock.intercom.call.media}: {@code CallSignalling}
 * (implemented by {@code sip}), {@code SessionDescriptions} (the SDP side, used by {@code sip},
 * implemented by the device's audio) and {@code CallMedia} (start and stop, implemented by the
 * device's audio). Adapters post; none waits for the call thread.
 *
 * <p>Tunables: button debounce {@link rock.intercom.call.DoorCall#DEBOUNCE} (500 ms); call timeout
 * from {@code callOptions.callTimeoutSeconds} (30 s when unset); auto-answer delay from the custom
 * configuration key {@value rock.intercom.call.AutoAnswer#DELAY_KEY} (default 0 ms).
 */
package rock.intercom.call;
