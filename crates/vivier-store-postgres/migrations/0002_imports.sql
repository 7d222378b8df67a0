-- Imports of the State's offer exports (CSP, PEP).

-- What the last import wrote to an offer: a hash of the mapped content (an unchanged row is
-- not rewritten) and the offer's updated_at as the import left it (a later one means a person
-- edited the offer, which the next import must not overwrite).
CREATE TABLE offer_imports (
    offer_id BIGINT PRIMARY KEY REFERENCES offers (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    synced_at TIMESTAMPTZ NOT NULL
);

-- Every run, with its counts and its report of rejected rows and conflicts (CSV).
CREATE TABLE import_runs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL,
    file_name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    all_offers BOOLEAN NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status TEXT NOT NULL,
    rows_read BIGINT NOT NULL DEFAULT 0,
    kept BIGINT NOT NULL DEFAULT 0,
    created BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    closed BIGINT NOT NULL DEFAULT 0,
    reopened BIGINT NOT NULL DEFAULT 0,
    conflicts BIGINT NOT NULL DEFAULT 0,
    rejected BIGINT NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '',
    error TEXT
);
CREATE INDEX import_runs_started ON import_runs (started_at);
