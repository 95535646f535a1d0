package rock.intercom.settings;

/**
 * Whose call-progress tones the visitor hears (ITU-T E.180 and its national supplements): the
 * ringback while the guard desk rings and the busy tone when a call fails.
 */
public enum ToneRegion {
    /** CEPT / ETSI: 425 Hz; ringback 1 s on, 4 s off; busy 0.5 s on, 0.5 s off. */
    EUROPE,
    /** North America: ringback 440+480 Hz 2 s on, 4 s off; busy 480+620 Hz 0.5 s on, 0.5 s off. */
    NORTH_AMERICA,
    /** United Kingdom: ringback 400+450 Hz 0.4-0.2-0.4-2.0 s; busy 400 Hz 0.375 s on, 0.375 s off. */
    UK
}
