package rock.intercom.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The error summary names fields by their labels, in form order, and links each to its field. */
class ErrorSummaryTest {

    static final List<String[]> FORM = List.of(
            new String[] {"device.name", "Device Name", "device-name"},
            new String[] {"sip.server.port", "Port Number", "sip-server-port"},
            new String[] {"sip.fallbackNumbers", "Fallback numbers", "sip-fallbackNumbers-1"},
            new String[] {"sip.callOptions.callTimeoutSeconds", "Call Timeout", "sip-callOptions-callTimeoutSeconds"},
            new String[] {"sip.proxy.port", "Port Number", "sip-proxy-port"},
            new String[] {"customConfiguration", "Custom Configuration", "custom-configuration"});

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one field             | sip.callOptions.callTimeoutSeconds=too long                         | #sip-callOptions-callTimeoutSeconds Call Timeout: too long
            form order, not a-z   | sip.proxy.port=bad;sip.callOptions.callTimeoutSeconds=long;sip.server.port=big | #sip-server-port SIP Server: Port Number: big / #sip-callOptions-callTimeoutSeconds Call Timeout: long / #sip-proxy-port Proxy Configuration: Port Number: bad
            a list entry          | sip.fallbackNumbers[1]=not an extension                              | #sip-fallbackNumbers-2 Fallback numbers, entry 2: not an extension
            a custom key          | customConfiguration.a.b=given twice                                  | #custom-configuration Custom Configuration (a.b): given twice
            no field, goes last   | =could not be saved;device.name=required                             | #device-name Device Name: required / could not be saved
            unknown path, last    | sip.nonsense=is not a known setting;sip.server.port=big              | #sip-server-port SIP Server: Port Number: big / sip.nonsense: is not a known setting
            """)
    void labelsInFormOrderWithLinks(String label, String errors, String expected) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : errors.split(";")) {
            map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }

        List<String> shown = ErrorSummary.items(FORM, map).stream()
                .map(item -> (item.href() == null ? "" : "#" + item.href() + " ") + item.text()).toList();

        assertThat(String.join(" / ", shown)).isEqualTo(expected);
    }
}
