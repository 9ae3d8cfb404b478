-- CreateTable
CREATE TABLE "wrong_answers" (
    "user_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "answer_key" UUID NOT NULL,
    "answer" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "wrong_answers_pkey" PRIMARY KEY ("user_id","item_id","answer_key")
);

-- AddForeignKey
ALTER TABLE "wrong_answers" ADD CONSTRAINT "wrong_answers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wrong_answers" ADD CONSTRAINT "wrong_answers_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The wrong answers already stored, counted as the write path counts new ones (lib/data/progress.ts).
INSERT INTO "wrong_answers" ("user_id", "item_id", "answer_key", "answer", "count")
SELECT "user_id", "item_id", md5("answer")::uuid, "answer", count(*)::int
FROM (
  SELECT "user_id", "item_id",
    coalesce("payload" -> 'selected', "payload" -> 'order', "payload" -> 'sequence', 'null'::jsonb)::text AS "answer"
  FROM "progress_events"
  WHERE "item_id" IS NOT NULL
    AND "type" IN ('quiz.answered', 'reorder.checked', 'command.checked')
    AND ("payload" -> 'correct') = 'false'::jsonb
) AS "wrong"
GROUP BY "user_id", "item_id", "answer";

-- Statistics now, not when autovacuum comes round: the dashboard's plan for this table depends on them.
ANALYZE "wrong_answers";

-- The dashboard read wrong events through this index and its statistics; it reads "wrong_answers" now, and every
-- insert into "progress_events" no longer has to maintain them.
DROP STATISTICS IF EXISTS "progress_events_correct_stats";
DROP INDEX IF EXISTS "progress_events_wrong_answers_idx";
