package rock.intercom.fleet.agent;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The portal processes a device may link to, from {@code --portal-url URL[,URL…]}: a site that runs
 * several portal processes on one database lists them all, and a device whose link is lost or
 * refused tries the next one (any process serves any device). One URL behaves as before.
 * Not thread-safe: the agent's link thread owns it.
 */
public final class PortalUrls {

    /** More would only lengthen a door's way round a dead list. */
    static final int MAX = 16;

    private final List<String> urls;
    private int current;

    private PortalUrls(List<String> urls) {
        this.urls = urls;
    }

    /** Parses a comma-separated list of {@code http(s)://HOST:PORT} URLs; a bad one is refused by name. */
    public static PortalUrls parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("--portal-url needs at least one http(s)://HOST:PORT");
        }
        List<String> urls = new ArrayList<>();
        for (String part : list.split(",")) {
            String url = part.trim().replaceAll("/+$", "");
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--portal-url: not a URL: " + url);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("--portal-url: not an http(s)://HOST:PORT URL: " + url);
            }
            urls.add(url);
        }
        if (urls.size() > MAX) {
            throw new IllegalArgumentException("--portal-url: at most " + MAX + " URLs");
        }
        return new PortalUrls(List.copyOf(urls));
    }

    /** The URL to try now. */
    public String current() {
        return urls.get(current);
    }

    /** Moves on to the next URL (round the list) after a lost or refused link. */
    void next() {
        current = (current + 1) % urls.size();
    }

    public List<String> all() {
        return urls;
    }
}
