package rock.intercom.sip.call;

import rock.intercom.call.media.SessionDescriptions;

/** What every per-operation class of the call dialogs shares. Used only on the dialogs' thread. */
record CallContext(CallStack stack, SessionDescriptions media, CallLegs legs, CallInputs inputs) {
}
