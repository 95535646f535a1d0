package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAddressTest {

    @ParameterizedTest(name = "{0}: v4={1} v6={2} dns={3}")
    @CsvSource(delimiter = '|', textBlock = """
            10.40.0.224                 | true  | false | false
            0.0.0.0                     | true  | false | false
            256.1.1.1                   | false | false | false
            01.2.3.4                    | false | false | false
            1.2.3                       | false | false | false
            1.2.3.4.5                   | false | false | false
            ::                          | false | true  | false
            ::1                         | false | true  | false
            2001:db8::8a2e:370:7334     | false | true  | false
            2001:0db8:0000:0000:0000:ff00:0042:8329 | false | true | false
            [2001:db8::1]               | false | true  | false
            ::ffff:192.0.2.1            | false | true  | false
            fe80::1%eth0                | false | true  | false
            1:2:3:4:5:6:7:8:9           | false | false | false
            1:2:3:4:5:6:7::8            | false | false | false
            ::ffff:300.0.2.1            | false | false | false
            :::1                        | false | false | false
            [::1                        | false | false | false
            pbx                         | false | false | true
            pbx.example.com             | false | false | true
            pbx.example.com.            | false | false | true
            xn--bcher-kva.example       | false | false | true
            a-b.c0                      | false | false | true
            -pbx.lan                    | false | false | false
            pbx-.lan                    | false | false | false
            pbx..lan                    | false | false | false
            pbx_1.lan                   | false | false | false
            10.40.0                     | false | false | false
            """)
    void classifiesAddresses(String text, boolean ipv4, boolean ipv6, boolean dns) {
        assertThat(HostAddress.isIpv4(text)).as("IPv4").isEqualTo(ipv4);
        assertThat(HostAddress.isIpv6(text)).as("IPv6").isEqualTo(ipv6);
        assertThat(HostAddress.isDnsName(text)).as("DNS name").isEqualTo(dns);
        assertThat(HostAddress.isValid(text)).isEqualTo(ipv4 || ipv6 || dns);
    }

    @ParameterizedTest(name = "label of {0} characters")
    @CsvSource({"63, true", "64, false"})
    void dnsLabelsAreAtMost63Characters(int length, boolean valid) {
        assertThat(HostAddress.isDnsName("a".repeat(length) + ".lan")).isEqualTo(valid);
    }
}
