package rock.intercom.media;

import java.util.Objects;
import java.util.function.Function;

/**
 * Outcome of parsing untrusted bytes or text: the value, or why it was rejected. Parsers in this
 * module return this instead of throwing, so a bad packet never ends a receive loop.
 *
 * @param <T> the parsed type
 */
public sealed interface ParseResult<T> {

    /** A successfully parsed value. */
    record Parsed<T>(T value) implements ParseResult<T> {
        public Parsed {
            Objects.requireNonNull(value);
        }
    }

    /** Input that does not follow the format; {@code reason} is safe to log. */
    record Malformed<T>(String reason) implements ParseResult<T> {
    }

    static <T> ParseResult<T> parsed(T value) {
        return new Parsed<>(value);
    }

    static <T> ParseResult<T> malformed(String reason) {
        return new Malformed<>(reason);
    }

    /** The value, or {@code null} if malformed. */
    default T orNull() {
        return this instanceof Parsed<T> p ? p.value() : null;
    }

    default <R> ParseResult<R> map(Function<T, R> mapper) {
        if (this instanceof Parsed<T> p) {
            return new Parsed<>(mapper.apply(p.value()));
        }
        return new Malformed<>(((Malformed<T>) this).reason());
    }
}
