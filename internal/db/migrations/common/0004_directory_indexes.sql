-- The directory matches skills case-insensitively; this index lets it do
-- so without reading every tag.
CREATE INDEX person_tags_lower_value ON person_tags (kind, lower(value));
-- Distinct functions and locations for the directory's filters come from
-- these covering indexes.
CREATE INDEX people_active_function ON people (active, function);
CREATE INDEX people_active_location ON people (active, location);
