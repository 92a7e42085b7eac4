-- Archiving: an archived program or cycle is read-only and hidden from the
-- lists people join from; NULL while it is in use. Owned by internal/programs.
ALTER TABLE programs ADD COLUMN archived_at TIMESTAMP;
ALTER TABLE cycles ADD COLUMN archived_at TIMESTAMP;
