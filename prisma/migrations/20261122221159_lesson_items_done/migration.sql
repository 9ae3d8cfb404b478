-- AlterTable
ALTER TABLE "lesson_progress" ADD COLUMN     "items_done" INTEGER NOT NULL DEFAULT 0;


-- Items already completed, by the lesson the catalogue puts them in, as the write path counts them from now on.
UPDATE "lesson_progress" AS p SET "items_done" = done."n"
FROM (
  SELECT s."user_id", i."lesson_id", count(*)::int AS "n"
  FROM "item_states" s
  JOIN "items" i ON i."id" = s."item_id"
  WHERE s."status" = 'COMPLETED'
  GROUP BY s."user_id", i."lesson_id"
) AS done
WHERE p."user_id" = done."user_id" AND p."lesson_id" = done."lesson_id";
