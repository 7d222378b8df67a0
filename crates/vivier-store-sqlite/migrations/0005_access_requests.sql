-- Access requests: an agent asks for a role in an organisation; an administrator of Vivier or
-- of that organisation (or of one above it) approves or refuses.
CREATE TABLE access_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    message TEXT NOT NULL CHECK (length(message) <= 1000),
    -- pending, approved or refused.
    status TEXT NOT NULL DEFAULT 'pending',
    decided_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at TEXT,
    refusal_reason TEXT,
    created_at TEXT NOT NULL
);
-- At most one pending request per user, organisation and role.
CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (user_id, organisation_id, role)
    WHERE status = 'pending';
CREATE INDEX access_requests_status ON access_requests (status, id);
CREATE INDEX access_requests_organisation ON access_requests (organisation_id);
