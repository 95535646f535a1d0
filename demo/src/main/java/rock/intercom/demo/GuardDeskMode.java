package rock.intercom.demo;

/**
 * How the guard desk takes calls, switched on the demo page so the guide's failure rows can be
 * shown: it answers after ringing, or it is busy (486 Busy Here, RFC 3261 §21.4.24).
 */
public enum GuardDeskMode {
    ANSWERS,
    BUSY
}
