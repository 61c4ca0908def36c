-- The programme view keeps each round's combined answers in memory now,
-- and never writes on a read: the cache table of 0002 is no longer read
-- or written. It held no respondent's answers, only combinations made
-- again from them, so nothing is lost with it. The index on answer_sets
-- stays: the view reads it to tell whether its memory is stale.
DROP TABLE IF EXISTS round_summaries;
