package rock.intercom.call;

/** Call-IDs {@code call-1}, {@code call-2}… so tests can name them. */
final class SequentialCallIds implements CallIdGenerator {

    private int next = 1;

    @Override
    public String next() {
        return "call-" + next++;
    }
}
