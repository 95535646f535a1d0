package rock.intercom.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A migration script cut into its statements at the semicolons that end them, leaving out
 * comments; quoted text and identifiers are kept whole. JDBC drivers run one statement per call
 * (sqlite-jdbc ignores what follows the first). PostgreSQL's dollar quoting ({@code $$}) is not
 * understood and is refused rather than cut wrongly.
 */
final class SqlScript {

    private SqlScript() {
    }

    /** The statements of {@code script}, in order, trimmed, without the ending semicolon. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '-' && script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
            } else if (c == '/' && script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated /* comment");
                }
                current.append(' ');
                i = end + 2;
            } else if (c == '\'' || c == '"') {
                int end = closingQuote(script, i);
                current.append(script, i, end + 1);
                i = end + 1;
            } else if (c == '$' && script.startsWith("$$", i)) {
                throw new IllegalArgumentException("dollar-quoted text is not supported in a migration script");
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    /** Where the quote opened at {@code open} closes; a doubled quote inside is an escaped one. */
    private static int closingQuote(String script, int open) {
        char quote = script.charAt(open);
        int i = open + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote");
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
