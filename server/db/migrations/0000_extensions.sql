-- Diacritic-insensitive search on both engines (PGlite and PostgreSQL 15+):
-- "so noi vu" finds "Sở Nội vụ", "da nang" finds "Đà Nẵng".
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vi_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION vi_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END
$$;
--> statement-breakpoint
-- unaccent() is only STABLE; this wrapper names the dictionary explicitly so it can be
-- IMMUTABLE and used in indexes. It folds case and đ/Đ as server/lib/vi-text.ts does.
CREATE OR REPLACE FUNCTION vi_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(translate(public.unaccent('public.unaccent'::regdictionary, input), 'đĐ', 'dD')) $$;
