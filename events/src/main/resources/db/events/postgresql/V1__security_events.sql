-- Security events (issue 2), PostgreSQL dialect: the same table, columns and index shapes as the
-- SQLite file (db/events/sqlite), with the differences PostgreSQL needs:
-- an identity column for the id, details as jsonb (queryable by operators), and id spelled out
-- at the end of each index, because PostgreSQL indexes do not carry the key implicitly and the
-- page's ids must come from index-only scans (see EventQuerySql).
CREATE TABLE security_event (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time_ms   BIGINT NOT NULL,
    device_id TEXT   NOT NULL,
    name      TEXT   NOT NULL,
    details   JSONB  NOT NULL
);

CREATE INDEX security_event_name ON security_event (name, id);
CREATE INDEX security_event_device ON security_event (device_id, id);
CREATE INDEX security_event_device_name ON security_event (device_id, name, id);
CREATE INDEX security_event_time ON security_event (time_ms, id);
CREATE INDEX security_event_name_time ON security_event (name, time_ms, id);
CREATE INDEX security_event_device_time ON security_event (device_id, time_ms, id);
CREATE INDEX security_event_device_name_time ON security_event (device_id, name, time_ms, id);
