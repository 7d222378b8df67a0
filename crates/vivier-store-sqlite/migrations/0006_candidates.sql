-- Candidates: profiles, CVs, applications with their history and the recruiters' notes,
-- proposals, saved searches and their alerts. Times are Unix seconds.

-- A CV's row; its bytes are in the object store under storage_key.
CREATE TABLE cvs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    storage_key TEXT NOT NULL UNIQUE,
    filename TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    uploaded_at INTEGER NOT NULL
);
CREATE INDEX cvs_user ON cvs (user_id);

-- One per candidate account that filled anything or did anything.
CREATE TABLE candidate_profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phone TEXT,
    region TEXT,
    current_job TEXT NOT NULL DEFAULT '',
    experience_years INTEGER,
    linkedin TEXT,
    github TEXT,
    portfolio TEXT,
    -- ISO 8601 date.
    available_from TEXT,
    cv_id INTEGER REFERENCES cvs (id) ON DELETE SET NULL,
    -- In the talent pool since (NULL: not in the pool).
    pool_since INTEGER,
    pool_warned_at INTEGER,
    last_active_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX candidate_profiles_pool ON candidate_profiles (last_active_at) WHERE pool_since IS NOT NULL;

-- The profile's lists: kind is contract, family, domain or hidden (an organisation id).
CREATE TABLE profile_choices (
    user_id INTEGER NOT NULL REFERENCES candidate_profiles (user_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, value)
);
CREATE INDEX profile_choices_value ON profile_choices (kind, value);

-- kind: offre (offer_id set; NULL once the offer is deleted), organisation (organisation_id
-- set) or etat (to the State as a whole). candidate_id is NULL once personal data is removed.
CREATE TABLE applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    offer_id INTEGER REFERENCES offers (id) ON DELETE SET NULL,
    organisation_id INTEGER REFERENCES organisations (id),
    motivation TEXT NOT NULL CHECK (length(motivation) <= 4000),
    cv_id INTEGER REFERENCES cvs (id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    -- Comma-separated refusal reason codes.
    reasons TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    first_answer_at INTEGER
);
-- One application per offer (a withdrawn one aside), one open spontaneous one per target.
CREATE UNIQUE INDEX applications_one_per_offer ON applications (candidate_id, offer_id)
    WHERE offer_id IS NOT NULL AND status <> 'retiree';
CREATE UNIQUE INDEX applications_one_open_spontaneous
    ON applications (candidate_id, kind, COALESCE(organisation_id, 0))
    WHERE kind <> 'offre' AND status IN ('nouvelle', 'examen', 'entretien', 'proposition');
CREATE INDEX applications_offer ON applications (offer_id, created_at);
CREATE INDEX applications_candidate ON applications (candidate_id, created_at);
CREATE INDEX applications_spontaneous ON applications (kind, organisation_id, created_at);
CREATE INDEX applications_status ON applications (status, updated_at);

CREATE TABLE application_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_events_application ON application_events (application_id, id);

CREATE TABLE application_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL CHECK (length(body) <= 4000),
    created_at INTEGER NOT NULL
);
CREATE INDEX application_notes_application ON application_notes (application_id, id);

CREATE TABLE proposals (
    offer_id INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    proposed_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (offer_id, candidate_id)
);
CREATE INDEX proposals_candidate ON proposals (candidate_id);

-- frequency: quotidienne, hebdomadaire or aucune.
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    query TEXT NOT NULL,
    frequency TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_sent_at INTEGER NOT NULL,
    next_due_at INTEGER NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches (user_id);
CREATE INDEX saved_searches_due ON saved_searches (next_due_at) WHERE frequency <> 'aucune';
