package rock.intercom.settings;

/** Guide step 4, Identifying the Station. The password is a secret: never logged or returned. */
public record Identity(String authUsername, String authPassword, String displayName, String extension) {

    @Override
    public String toString() {
        return "Identity[authUsername=" + authUsername + ", authPassword=" + (authPassword == null ? "null" : "***")
                + ", displayName=" + displayName + ", extension=" + extension + "]";
    }
}
