package rock.intercom.call;

/**
 * The call-progress tone the visitor hears at the door while no call audio runs (ITU-T E.180);
 * the device renders it in the region its settings name.
 */
public enum ProgressTone {
    /** The called station rings (a provisional response without early media). */
    RINGBACK,
    /** The call could not be made, or failed: played briefly before the screen says so. */
    BUSY
}
