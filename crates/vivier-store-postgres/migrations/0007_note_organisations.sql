-- A recruiter's note belongs to the organisation it was written for: its recruiters (and those
-- above it) read it, nobody else. Notes written before this column have none: they are shown to
-- whoever may read their application.
ALTER TABLE application_notes ADD COLUMN organisation_id BIGINT REFERENCES organisations (id);
CREATE INDEX application_notes_organisation ON application_notes (organisation_id);
