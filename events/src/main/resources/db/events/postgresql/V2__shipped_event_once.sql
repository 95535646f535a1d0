-- A fleet's portal stores the events a device ships from its own store (issue 16), each carrying its
-- id there as details.deviceEventId. Several portal processes may ingest one device (a link that
-- moved while a batch was in flight): this index makes a second copy impossible, whichever process
-- commits first. Events without that detail (NULL) never conflict.
CREATE UNIQUE INDEX security_event_device_event_id ON security_event (device_id, (details ->> 'deviceEventId'));
