package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void statementsAreCutAtTheirSemicolonsWithoutComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (x TEXT); /* another; one */
                CREATE INDEX a_x ON a (x);

                """;

        assertThat(SqlScript.statements(script)).containsExactly("CREATE TABLE a (x TEXT)", "CREATE INDEX a_x ON a (x)");
    }

    @Test
    void quotedTextAndIdentifiersKeepTheirSemicolonsAndDashes() {
        String script = "INSERT INTO \"odd;name\" VALUES ('it''s; -- not a comment');\nSELECT 1";

        assertThat(SqlScript.statements(script))
                .containsExactly("INSERT INTO \"odd;name\" VALUES ('it''s; -- not a comment')", "SELECT 1");
    }

    @Test
    void theShippedScriptsCutIntoTheirStatements() throws Exception {
        String sqlite = new String(SqlScriptTest.class.getResourceAsStream("/db/events/sqlite/V1__security_events.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(SqlScript.statements(sqlite)).hasSize(8)
                .first().asString().startsWith("CREATE TABLE security_event (");
    }

    @Test
    void dollarQuotingAndUnterminatedQuotesAreRefused() {
        assertThatThrownBy(() -> SqlScript.statements("CREATE FUNCTION f() AS $$ SELECT 1; $$"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'open"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
