package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allowed-caller format: what passes, and the message for each kind of fault. */
class FullSipUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sip:400@10.40.0.224
            SIPS:alice@pbx.example.com:5061
            sip:%34%30%30@10.0.0.1
            sip:400@pbx.example.com.
            sip:400@[2001:db8::1]:5060;transport=tcp
            sip:400@[::ffff:10.0.0.1]
            sip:a.b-c_~!*()&=+$,?/@10.0.0.1;lr;user=phone;maddr=10.0.0.2
            sip:400@10.0.0.1:65535
            sip:+4312345;phone-context=example.com@gw.example.com;user=phone
            sip:400@10.0.0.1;x=a/b;y:z=[::1]
            """)
    void accepted(String text) {
        assertThat(FullSipUrl.problem(text)).as(text).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                              | must not be empty
            '   '                             | must not be empty
            400                               | must be a full SIP URL starting with sip: or sips:, such as sip:400@10.40.0.224
            tel:+4312345                      | must be a full SIP URL starting with sip: or sips:
            ' sip:400@10.0.0.1'               | must be a full SIP URL starting with sip: or sips:
            '"Door" <sip:400@10.0.0.1>'       | must be a full SIP URL starting with sip: or sips:
            sip:10.40.0.224                   | must name a user and a host, such as sip:400@10.40.0.224
            sip:                              | must name a user and a host
            sip:@10.0.0.1                     | must name a user and a host
            sip:4 00@10.0.0.1                 | has an invalid user part
            sip:4%0g@10.0.0.1                 | has an invalid user part
            sip:a@b@10.0.0.1                  | has an invalid user part
            sip:alice:secret@10.0.0.1         | has an invalid user part
            sip:400@                          | has an invalid host
            sip:400@bad host                  | has an invalid host
            'sip:400@10.0.0.1 '               | has an invalid host
            sip:400@999.1.1.1                 | has an invalid host
            sip:400@10.40.0                   | has an invalid host
            sip:400@-pbx.example.com          | has an invalid host
            sip:400@[1:2:3:4:5:6:7:8:9]       | has an invalid host
            sip:400@[fe80::1%25eth0]          | has an invalid host
            sip:400@10.0.0.1<sip:401@x>       | has an invalid user part
            sip:400@10.0.0.1:99999            | has an invalid port (1-65535)
            sip:400@10.0.0.1:0                | has an invalid port (1-65535)
            sip:400@10.0.0.1:                 | has an invalid port (1-65535)
            sip:400@10.0.0.1;;lr              | has invalid URI parameters
            sip:400@10.0.0.1;x=%zz            | has invalid URI parameters
            sip:400@10.0.0.1;x=1;x=2          | has invalid URI parameters
            sip:400@10.0.0.1?subject=x        | has an invalid host
            sip:400@[::1]?subject=x           | has an invalid host
            sip:400@10.0.0.1:5060?subject=x   | has an invalid port (1-65535)
            sip:400@10.0.0.1;lr?subject       | has invalid URI parameters
            """)
    void refused(String text, String message) {
        assertThat(FullSipUrl.problem(text)).as(String.valueOf(text)).hasValueSatisfying(m -> assertThat(m).startsWith(message));
    }

    @Test
    void overlongTextIsRefusedWithoutWalkingIt() {
        assertThat(FullSipUrl.problem("sip:" + "4".repeat(SipUri.MAX_LENGTH) + "@10.0.0.1"))
                .contains("must be at most 2048 characters");
    }
}
