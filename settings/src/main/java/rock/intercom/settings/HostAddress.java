package rock.intercom.settings;

import java.util.regex.Pattern;

/**
 * Syntax of a server address as the guide accepts it ("IP address or domain name"): an IPv4
 * literal, an IPv6 literal (bare or in brackets, RFC 3986 §3.2.2) or a DNS host name (RFC 1123
 * §2.1). Pure text checks: nothing here ever resolves a name.
 */
public final class HostAddress {

    private static final Pattern IPV4_OCTET = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9._~-]+");

    private HostAddress() {
    }

    /** True for an IPv4 literal, an IPv6 literal or a DNS name. */
    public static boolean isValid(String text) {
        return text != null && (isIpv4(text) || isIpv6(text) || isDnsName(text));
    }

    /** Dotted-quad IPv4; leading zeros are refused because some resolvers read them as octal. */
    public static boolean isIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!IPV4_OCTET.matcher(octet).matches()) {
                return false;
            }
        }
        return true;
    }

    /** IPv6 text form of RFC 4291 §2.2, with optional brackets and zone id (RFC 6874). */
    public static boolean isIpv6(String text) {
        String address = text;
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int percent = address.indexOf('%');
        if (percent >= 0) {
            if (!ZONE_ID.matcher(address.substring(percent + 1)).matches()) {
                return false;
            }
            address = address.substring(0, percent);
        }
        int gap = address.indexOf("::");
        if (gap < 0) {
            return groups(address, true) == 8;
        }
        if (gap != address.lastIndexOf("::")) {
            return false;
        }
        int head = groups(address.substring(0, gap), false);
        int tail = groups(address.substring(gap + 2), true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /** Host name of RFC 1123: dot-separated labels; the last label is not all digits. */
    public static boolean isDnsName(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // "999.1.1.1" or "10.40.0" is a mistyped address, not a name.
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** Number of 16-bit groups in a colon-separated part, or -1 when malformed. */
    private static int groups(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            boolean last = i == groups.length - 1;
            if (last && mayEndWithIpv4 && groups[i].contains(".")) {
                if (!isIpv4(groups[i])) {
                    return -1;
                }
                count += 2;
            } else if (IPV6_GROUP.matcher(groups[i]).matches()) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }
}
