-- Matching rules (internal/mentorships): a program's matching settings,
-- and what each run found about its stability.
CREATE TABLE match_settings (
    program_id TEXT PRIMARY KEY REFERENCES programs(id) ON DELETE CASCADE,
    weights    TEXT NOT NULL,               -- score.Weights as JSON, the form of kindred match's weights.json
    updated_by TEXT REFERENCES people(id),
    updated_at TIMESTAMP NOT NULL
);
-- Blocking pairs of a run: allowed pairs not matched whose mentor and
-- mentee would both rather be together; a few examples as JSON.
ALTER TABLE match_runs ADD COLUMN blocking INTEGER NOT NULL DEFAULT 0;
ALTER TABLE match_runs ADD COLUMN blocking_examples TEXT NOT NULL DEFAULT '[]';
