-- The dashboard's item analysis reads every wrong answer of a cohort's course (lib/data/dashboard.ts).
-- Wrong answers are a small share of all events: a partial index that also carries the item and the payload
-- answers that query from the index alone, without visiting the table.
-- Prisma's schema language cannot express a partial index; schema.prisma does not list this one.
CREATE INDEX "progress_events_wrong_answers_idx" ON "progress_events" ("user_id", "course_slug", "type")
  INCLUDE ("item_id", "payload")
  WHERE ("payload" -> 'correct') = 'false'::jsonb;

-- Without statistics on the expression the planner guesses that few rows match it, and sorts where it should hash.
CREATE STATISTICS "progress_events_correct_stats" ON (("payload" -> 'correct')) FROM "progress_events";
