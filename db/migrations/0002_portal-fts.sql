-- Full-text search over what is public of published rulings and resolutions (issue 17, decision 016).
-- drizzle-kit cannot express an FTS5 virtual table, hence this hand-written migration. The trigram
-- tokenizer indexes every 3-character window, so Chinese (no spaces between words) is searchable;
-- queries shorter than 3 characters use LIKE on the same table (server/portal/search.ts).
-- The rows are rebuilt from the public views by the application, never from internal tables.
CREATE VIRTUAL TABLE `publication_search` USING fts5(
  `kind` UNINDEXED,
  `ref_id` UNINDEXED,
  `community_id` UNINDEXED,
  `published_at` UNINDEXED,
  `title`,
  `body`,
  tokenize = 'trigram'
);
