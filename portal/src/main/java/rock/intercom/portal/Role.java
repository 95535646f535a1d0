package rock.intercom.portal;

/** A portal user's role, as in the guide's Admin Portal. */
public enum Role {
    /** Reads devices, settings and Security Events; changes nothing. */
    VIEWER,
    /** The guide's required role for SIP configuration: may also modify settings and press the button. */
    ACCOUNT_ADMINISTRATOR;

    public boolean grants(Access access) {
        return switch (access) {
            case ANYONE, VIEW -> true;
            case MODIFY -> this == ACCOUNT_ADMINISTRATOR;
        };
    }
}
