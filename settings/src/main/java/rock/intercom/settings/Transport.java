package rock.intercom.settings;

/** SIP signalling transport (guide step 3, Transport Protocol). */
public enum Transport {
    UDP, TCP, TLS
}
