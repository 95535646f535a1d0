/**
 * The call's media ports: {@link rock.intercom.call.media.SessionDescriptions} (SDP offer/answer,
 * RFC 3264, used by the SIP adapter) and {@link rock.intercom.call.media.CallMedia} (start and stop
 * on the call logic's commands), with the values that cross them. Defined here so that {@code sip}
 * and the device's audio both depend on the call, not on each other.
 */
package rock.intercom.call.media;
