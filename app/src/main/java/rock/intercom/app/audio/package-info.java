/**
 * The door's call audio (issue 6): {@link rock.intercom.app.audio.CallAudio} answers the SIP
 * dialogs' SDP questions ({@code SdpNegotiation}) and runs each call's media ({@code MediaLifecycle}); {@link rock.intercom.app.audio.AudioOptions}
 * is the {@code --microphone/--speaker/--rtp-ports} mixin of {@code ./intercom device}.
 *
 * <p>Wiring (one {@code CallAudio} per device):
 * <pre>{@code
 * AudioSetup setup = audioOptions.setup();            // print setup.notices() at start-up
 * CallAudio audio = new CallAudio(live::current, setup);
 * CallDialogs dialogs = CallDialogs.attachTo(agent, audio);   // SessionDescriptions (SdpNegotiation)
 * controller = new CallController(id, doorCall, dialogs.signalling(), audio, events);  // CallMedia (MediaLifecycle), connects itself
 * live.subscribe(change -> audio.settingsChanged(change.current()));   // live volumes
 * // events: Answered / IncomingAcknowledged carry the AgreedMedia ("SRTP AES_CM_128_HMAC_SHA1_80" or "RTP")
 * // DTMF: audio.receivedDigits(callId) → digits by RFC 4733 and SIP INFO, each also logged
 * // shutdown: audio.close() after the controller and the SIP agent
 * }</pre>
 *
 * <p>Decisions: Encryption and Video Calls are read when a call offers or answers, volumes when
 * its media starts and on every settings change; N of "no audio received" is the custom key
 * {@code intercom.no_media_timeout_seconds} (default 10, see {@link
 * rock.intercom.app.audio.NoMediaTimeout}); the media address is the one routed towards the
 * proxy or SIP server ({@link rock.intercom.app.audio.MediaAddress}). A best-effort SRTP offer
 * refused with 488/415/606 is offered once more as RTP/SAVP ({@code retryOffer}), so an
 * SRTP-only station gets SRTP.
 */
package rock.intercom.app.audio;
