package rock.intercom.media.srtp;

/** Thrown when an SRTP context cannot be created (bad key material or missing JCE algorithm). */
public final class SrtpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SrtpFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
