-- Where each demographic value came from: 'self' (self-reported, which is
-- what every value stored so far is taken to be) or 'import' (written by an
-- import the admin marked as the source of truth for demographics). An
-- ordinary import never overwrites a stored value.
ALTER TABLE demographics ADD COLUMN source TEXT NOT NULL DEFAULT 'self';
