-- SchemaMigrationsTest: applied, then undone with the script after it.
CREATE TABLE made_by_v1 (id INTEGER PRIMARY KEY);
