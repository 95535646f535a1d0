package rock.intercom.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rock.intercom.testkit.TestClock;

/**
 * Every filter of {@link EventQuery} against a plain Java oracle over the same 120 events from two
 * devices, all guide names, one minute apart; run against each store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventQueryFilterContract {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static final SecurityEventName[] NAMES = {
        SecurityEventName.DIALING, SecurityEventName.CALL_ESTABLISHED, SecurityEventName.HANGING_UP,
        SecurityEventName.CALL_FAILED, SecurityEventName.CALL_REJECTED, SecurityEventName.INCOMING_CALL,
    };

    private EventStore store;
    private final List<SecurityEvent> recorded = new ArrayList<>();

    /** A new, empty store whose event times come from {@code clock}. */
    abstract EventStore openEmptyStore(TestClock clock);

    @BeforeAll
    void fill() {
        TestClock clock = new TestClock(START);
        store = openEmptyStore(clock);
        for (int i = 0; i < 120; i++) {
            String device = i % 4 == 0 ? "rockx-506" : "rockx-505";
            recorded.add(store.append(NewEvent.of(device, NAMES[i % NAMES.length], Map.of("attempt", i))));
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    Stream<Arguments> queries() {
        Instant tenPast = START.plus(Duration.ofMinutes(10));
        Instant hourPast = START.plus(Duration.ofMinutes(60));
        long middleId = recorded.get(70).id();
        return Stream.of(
                Arguments.of("everything, limited", q(x -> x)),
                Arguments.of("limit 1", q(x -> new EventQuery(null, null, null, null, null, 1))),
                Arguments.of("one device", q(x -> x.withDevice("rockx-506"))),
                Arguments.of("unknown device", q(x -> x.withDevice("rockx-999"))),
                Arguments.of("name Dialing", q(x -> x.withNames(Set.of("Dialing")))),
                Arguments.of("two names", q(x -> x.withNames(Set.of("Call Failed", "Call Rejected")))),
                Arguments.of("unknown name only", q(x -> x.withNames(Set.of("dialing")))),
                Arguments.of("known and unknown names", q(x -> x.withNames(Set.of("Dialing", "Nonsense")))),
                Arguments.of("three names, device", q(x -> x.withDevice("rockx-505")
                        .withNames(Set.of("Dialing", "Hanging Up", "Incoming Call")))),
                Arguments.of("from only", q(x -> x.withRange(hourPast, null))),
                Arguments.of("to only (exclusive)", q(x -> x.withRange(null, tenPast))),
                Arguments.of("from..to", q(x -> x.withRange(tenPast, hourPast))),
                Arguments.of("empty range", q(x -> x.withRange(tenPast, tenPast))),
                Arguments.of("before id", q(x -> x.withBeforeId(middleId))),
                Arguments.of("device, names, range, before, limit", q(x -> new EventQuery("rockx-505",
                        Set.of("Dialing", "Call Established"), tenPast, hourPast.plus(Duration.ofMinutes(30)),
                        recorded.get(80).id(), 7))),
                Arguments.of("two names, limit smaller than each", q(x -> new EventQuery(null,
                        Set.of("Dialing", "Hanging Up"), null, null, null, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void queryReturnsWhatTheOracleSelectsNewestFirst(String row, EventQuery query) {
        List<SecurityEvent> expected = recorded.stream()
                .filter(e -> query.deviceId() == null || e.deviceId().equals(query.deviceId()))
                .filter(e -> query.names().isEmpty() || query.names().contains(e.name()))
                .filter(e -> query.from() == null || !e.time().isBefore(query.from()))
                .filter(e -> query.to() == null || e.time().isBefore(query.to()))
                .filter(e -> query.beforeId() == null || e.id() < query.beforeId())
                .sorted(Comparator.comparingLong(SecurityEvent::id).reversed())
                .limit(query.limit())
                .toList();

        List<SecurityEvent> actual = store.query(query);

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).isSortedAccordingTo(Comparator.comparingLong(SecurityEvent::id).reversed());
    }

    @Test
    void pagingByBeforeIdWalksEveryMatchingEventOnceNewestFirst() {
        EventQuery page = new EventQuery("rockx-505", Set.of("Dialing", "Call Failed"), null, null, null, 4);
        List<SecurityEvent> walked = new ArrayList<>();
        List<SecurityEvent> current = store.query(page);
        while (!current.isEmpty()) {
            walked.addAll(current);
            current = store.query(page.withBeforeId(current.get(current.size() - 1).id()));
        }

        List<SecurityEvent> expected = recorded.stream()
                .filter(e -> e.deviceId().equals("rockx-505"))
                .filter(e -> e.name().equals("Dialing") || e.name().equals("Call Failed"))
                .sorted(Comparator.comparingLong(SecurityEvent::id).reversed())
                .toList();
        assertThat(expected).hasSizeGreaterThan(4 * 3);
        assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void aFilterWithHundredsOfNamesStillAnswers() {
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < 600; i++) {
            names.add("name " + i);
        }
        names.add("Hanging Up");

        List<SecurityEvent> page = store.query(EventQuery.newest(5).withNames(names));

        assertThat(page).hasSize(5).allMatch(e -> e.name().equals("Hanging Up"));
    }

    @Test
    void eventTimesAreTheClockInUtcMilliseconds() {
        assertThat(recorded.get(0).time()).isEqualTo(START);
        assertThat(recorded.get(119).time()).isEqualTo(START.plus(Duration.ofMinutes(119)));
    }

    @Test
    void anEventRecordedElsewhereKeepsItsTimeAndComesBackByItsId() {
        TestClock clock = new TestClock(START);
        try (EventStore other = openEmptyStore(clock)) {
            Instant recordedAt = START.minus(Duration.ofHours(5));
            SecurityEvent shipped = other.appendRecorded(
                    NewEvent.of("rockx-507", NAMES[0], Map.of("deviceEventId", 7)), recordedAt);
            assertThat(shipped.time()).isEqualTo(recordedAt);
            assertThat(other.query(EventQuery.newest(5).withDevice("rockx-507")))
                    .singleElement().satisfies(e -> assertThat(e.time()).isEqualTo(recordedAt));
        }
    }

    @Test
    void recordedEventsAreStoredAllTogetherOrNoneAtAll() {
        try (EventStore other = openEmptyStore(new TestClock(START))) {
            RecordedEvent first = new RecordedEvent(NewEvent.of("rockx-508", NAMES[0], Map.of("n", 1)), START);
            RecordedEvent second = new RecordedEvent(NewEvent.of("rockx-508", NAMES[1], Map.of("n", 2)),
                    START.minusSeconds(60));
            List<SecurityEvent> stored = other.appendAllRecorded(List.of(first, second));
            assertThat(stored).extracting(SecurityEvent::time).containsExactly(START, START.minusSeconds(60));
            assertThat(stored.get(1).id()).isGreaterThan(stored.get(0).id());
            RecordedEvent bad = new RecordedEvent(new NewEvent("rockx-508", "No Such Event", Map.of()), START);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.appendAllRecorded(List.of(first, bad)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(other.query(EventQuery.newest(10).withDevice("rockx-508"))).hasSize(2);
        }
    }

    private static EventQuery q(UnaryOperator<EventQuery> shape) {
        return shape.apply(EventQuery.newest(50));
    }
}
