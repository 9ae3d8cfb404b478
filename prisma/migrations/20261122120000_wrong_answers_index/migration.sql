-- The dashboard's item analysis reads every wrong answer of a cohort's course (lib/data/dashboard.ts).
-- Wrong answers are a small share of all events, so a partial index finds them without reading the rest.
-- Prisma's schema language cannot express a partial index; schema.prisma does not list this one.
CREATE INDEX "progress_events_wrong_answers_idx" ON "progress_events" ("user_id", "course_slug", "type")
  WHERE ("payload" -> 'correct') = 'false'::jsonb;
