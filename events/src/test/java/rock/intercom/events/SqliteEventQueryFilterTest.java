package rock.intercom.events;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import rock.intercom.testkit.TestClock;

class SqliteEventQueryFilterTest extends EventQueryFilterContract {

    @TempDir
    static Path dataDir;

    @Override
    EventStore openEmptyStore(TestClock clock) {
        return SqliteEventStore.open(dataDir, clock);
    }
}
