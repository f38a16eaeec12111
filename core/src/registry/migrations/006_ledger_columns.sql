-- 006: a record imported from an office's contract ledger keeps the ledger's other columns
-- (契約金額, 入札方式, ...) as one JSON object of text by column header (docs/ledger.md). They are
-- shown, exported and reported, never queried by the store, so one column holds them.
ALTER TABLE engagements ADD COLUMN ledger_json TEXT;
