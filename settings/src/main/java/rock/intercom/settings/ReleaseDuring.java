package rock.intercom.settings;

/** The calls during which the door release code works: those the door receives or those it makes. */
public enum ReleaseDuring {
    INCOMING,
    OUTGOING
}
