-- SchemaMigrationsTest: the second statement fails, so neither this script nor V1 may stay applied.
CREATE TABLE made_by_v2 (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
