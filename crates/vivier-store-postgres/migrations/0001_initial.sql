-- Vivier's initial schema, PostgreSQL flavour. Keep it in step with the SQLite one.

CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE departments (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code)
);

CREATE TABLE communes (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    postal_codes TEXT NOT NULL,
    population BIGINT NOT NULL
);

CREATE TABLE job_families (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE domains (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE organisations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    acronym TEXT,
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES organisations (id),
    website TEXT,
    logo_url TEXT,
    raison_d_etre TEXT,
    valeurs TEXT,
    enjeux TEXT,
    missions TEXT,
    projets TEXT,
    organisation TEXT,
    chiffres_cles TEXT,
    profils_recherches TEXT,
    processus_recrutement TEXT,
    nous_rejoindre TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE testimonies (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    photo_url TEXT,
    PRIMARY KEY (organisation_id, position)
);

-- Geography codes are not foreign keys: a new INSEE vintage may merge communes that old
-- offers still name, and the codes are validated by type when written and read.
CREATE TABLE offers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    job_family_id BIGINT REFERENCES job_families (id),
    contract_types TEXT NOT NULL,
    category TEXT,
    remote TEXT NOT NULL,
    open_to_juniors BOOLEAN NOT NULL,
    seniority TEXT,
    salary_min BIGINT,
    salary_max BIGINT,
    location_kind TEXT NOT NULL,
    region_code TEXT,
    department_code TEXT,
    commune_code TEXT,
    country TEXT,
    city TEXT,
    state TEXT NOT NULL,
    published_on DATE,
    deadline DATE,
    source TEXT NOT NULL,
    source_reference TEXT,
    source_url TEXT,
    apply_method TEXT NOT NULL,
    apply_target TEXT,
    mission TEXT,
    context TEXT,
    activities TEXT,
    team TEXT,
    profile TEXT,
    benefits TEXT,
    recruitment_process TEXT,
    special_conditions TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX offers_source_reference ON offers (source, source_reference);
CREATE INDEX offers_organisation ON offers (organisation_id);
CREATE INDEX offers_state ON offers (state);

CREATE TABLE offer_domains (
    offer_id BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    domain_id BIGINT NOT NULL REFERENCES domains (id),
    PRIMARY KEY (offer_id, domain_id)
);

-- The change feed: one row per committed write, read by every node to refresh its read models.
CREATE TABLE changes (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    changed_at TIMESTAMPTZ NOT NULL
);
