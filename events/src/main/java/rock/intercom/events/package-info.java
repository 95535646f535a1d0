/**
 * Security events: the guide's event names ({@link rock.intercom.events.SecurityEventName}), the
 * durable log ({@link rock.intercom.events.EventStore}) with its SQLite implementation for one door
 * and a PostgreSQL one for fleets, newest-first queries with keyset paging, and live subscribers.
 * Stores are thread-safe; listeners run on the appending thread after the commit.
 */
package rock.intercom.events;
