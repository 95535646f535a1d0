package rock.intercom.settings;

/** Media encryption (guide step 3, Encryption): independent of the signalling transport. */
public enum Encryption {
    /** "RTP with Optional SRTP (Fallback Mode)": prefer SRTP, fall back to plain RTP. */
    RTP_OPTIONAL_SRTP,
    /** "SRTP-only": calls fail if the remote endpoint cannot establish SRTP. */
    SRTP_ONLY
}
