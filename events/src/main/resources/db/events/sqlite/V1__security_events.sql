-- Security events (issue 2), SQLite dialect. Kept outside db/migration so that another module's
-- Flyway scan of classpath:db/migration never picks it up.
-- id: AUTOINCREMENT so that ids are never reused, even after the newest rows are deleted.
CREATE TABLE security_event (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms   INTEGER NOT NULL,
    device_id TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    details   TEXT    NOT NULL
);

-- Every query is "newest first" (ORDER BY id DESC). Each index ends in id so that an equality
-- filter can walk the index backwards and stop after LIMIT rows, without sorting.
CREATE INDEX security_event_device_id ON security_event (device_id, id);
CREATE INDEX security_event_name_id ON security_event (name, id);
CREATE INDEX security_event_device_name_id ON security_event (device_id, name, id);
-- Time ranges: the planner uses these when the range is narrower than the equality filters.
CREATE INDEX security_event_time ON security_event (time_ms);
CREATE INDEX security_event_device_time ON security_event (device_id, time_ms);
