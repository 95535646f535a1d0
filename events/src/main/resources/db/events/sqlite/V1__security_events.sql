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

-- Every query is "newest first" (ORDER BY id DESC). SQLite ends every index entry with the rowid
-- (= id), so each index below covers the id selection of one filter shape (see EventQuerySql):
-- equality filters walk (..., id) backwards and stop after LIMIT entries; time ranges seek
-- (..., time_ms) and keep the top LIMIT ids of the range without reading a single table row.
CREATE INDEX security_event_name ON security_event (name, id);
CREATE INDEX security_event_device ON security_event (device_id, id);
CREATE INDEX security_event_device_name ON security_event (device_id, name, id);
CREATE INDEX security_event_time ON security_event (time_ms);
CREATE INDEX security_event_name_time ON security_event (name, time_ms);
CREATE INDEX security_event_device_time ON security_event (device_id, time_ms);
CREATE INDEX security_event_device_name_time ON security_event (device_id, name, time_ms);
