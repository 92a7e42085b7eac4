-- The directory lists active people by name: this index gives that order
-- without sorting the whole organization on every page.
CREATE INDEX people_active_name ON people (active, name, id);
-- Participation figures (per program, cycle, role and status) are read
-- from this covering index instead of the enrollment rows.
CREATE INDEX enrollments_counts ON enrollments (program_id, cycle_id, role, status, person_id);
