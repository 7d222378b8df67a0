-- Imports of the State's offer exports (CSP, PEP).

-- What the last import wrote to an offer: a hash of the mapped content (an unchanged row is
-- not rewritten) and the offer's updated_at as the import left it (a later one means a person
-- edited the offer, which the next import must not overwrite).
CREATE TABLE offer_imports (
    offer_id INTEGER PRIMARY KEY REFERENCES offers (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    synced_at TEXT NOT NULL
);

-- Every run, with its counts and its report of rejected rows and conflicts (CSV).
CREATE TABLE import_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    file_name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    all_offers INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    rows_read INTEGER NOT NULL DEFAULT 0,
    kept INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    reopened INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '',
    error TEXT
);
CREATE INDEX import_runs_started ON import_runs (started_at);
