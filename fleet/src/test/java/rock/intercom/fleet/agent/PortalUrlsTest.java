package rock.intercom.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --portal-url with several portal processes: parsed, bounded, tried in turn. */
class PortalUrlsTest {

    @Test
    void aLostLinkTriesTheNextProcessRoundTheList() {
        PortalUrls urls = PortalUrls.parse("http://a:8443/, https://b:8443");
        assertThat(urls.current()).isEqualTo("http://a:8443");
        urls.next();
        assertThat(urls.current()).isEqualTo("https://b:8443");
        urls.next();
        assertThat(urls.current()).isEqualTo("http://a:8443");
    }

    @Test
    void oneUrlStaysThatUrl() {
        PortalUrls urls = PortalUrls.parse("http://portal:8443");
        urls.next();
        assertThat(urls.all()).containsExactly("http://portal:8443");
        assertThat(urls.current()).isEqualTo("http://portal:8443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "portal:8443", "ftp://portal", "http://a:1,,http://b:2", "http://a b:1"})
    void aBadListIsRefusedWithTheReason(String list) {
        assertThatThrownBy(() -> PortalUrls.parse(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--portal-url");
    }

    @Test
    void theListIsBounded() {
        String many = String.join(",", java.util.Collections.nCopies(PortalUrls.MAX + 1, "http://a:1"));
        assertThatThrownBy(() -> PortalUrls.parse(many)).hasMessageContaining("at most");
    }
}
