-- AlterTable
ALTER TABLE "lesson_progress" ADD COLUMN     "items_done" INTEGER NOT NULL DEFAULT 0;

-- Each lesson row counts the learner's completed item states whose item is in that lesson, so the dashboard reads
-- one number per student and lesson instead of counting item states on every request. Row triggers keep it: they
-- see the row as it was before and after, so two uploads completing the same item at once count it once (the
-- second one's update sees the first one's COMPLETED). A status never goes back from COMPLETED.
CREATE FUNCTION "lesson_progress_count_item_done"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lesson text;
BEGIN
  -- FOR SHARE waits for a content update moving the item, then reads where it went; see "items_move_done".
  SELECT i."lesson_id" INTO lesson FROM "items" i WHERE i."id" = NEW."item_id" FOR SHARE;
  INSERT INTO "lesson_progress" AS p ("user_id", "lesson_id", "first_visited_at", "last_visited_at", "items_done")
  VALUES (NEW."user_id", lesson, NEW."last_event_at", NEW."last_event_at", 1)
  ON CONFLICT ("user_id", "lesson_id") DO UPDATE SET "items_done" = p."items_done" + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "item_states_done_on_insert" AFTER INSERT ON "item_states"
  FOR EACH ROW WHEN (NEW."status" = 'COMPLETED')
  EXECUTE FUNCTION "lesson_progress_count_item_done"();

CREATE TRIGGER "item_states_done_on_update" AFTER UPDATE OF "status" ON "item_states"
  FOR EACH ROW WHEN (OLD."status" <> 'COMPLETED' AND NEW."status" = 'COMPLETED')
  EXECUTE FUNCTION "lesson_progress_count_item_done"();

-- An item that moves to another lesson in a content update takes its completions with it.
CREATE FUNCTION "lesson_progress_move_item_done"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "lesson_progress" p SET "items_done" = p."items_done" - 1
  FROM "item_states" s
  WHERE s."item_id" = NEW."id" AND s."status" = 'COMPLETED'
    AND p."user_id" = s."user_id" AND p."lesson_id" = OLD."lesson_id";
  INSERT INTO "lesson_progress" AS p ("user_id", "lesson_id", "first_visited_at", "last_visited_at", "items_done")
  SELECT s."user_id", NEW."lesson_id", s."last_event_at", s."last_event_at", 1
  FROM "item_states" s
  WHERE s."item_id" = NEW."id" AND s."status" = 'COMPLETED'
  ORDER BY s."user_id"
  ON CONFLICT ("user_id", "lesson_id") DO UPDATE SET "items_done" = p."items_done" + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "items_move_done" AFTER UPDATE OF "lesson_id" ON "items"
  FOR EACH ROW WHEN (OLD."lesson_id" IS DISTINCT FROM NEW."lesson_id")
  EXECUTE FUNCTION "lesson_progress_move_item_done"();

-- The completions already stored.
INSERT INTO "lesson_progress" AS p ("user_id", "lesson_id", "first_visited_at", "last_visited_at", "items_done")
SELECT s."user_id", i."lesson_id", min(s."last_event_at"), max(s."last_event_at"), count(*)::int
FROM "item_states" s JOIN "items" i ON i."id" = s."item_id"
WHERE s."status" = 'COMPLETED'
GROUP BY s."user_id", i."lesson_id"
ON CONFLICT ("user_id", "lesson_id") DO UPDATE SET "items_done" = excluded."items_done";
