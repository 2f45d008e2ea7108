-- Extensions used for accent-insensitive and fuzzy search. On PGlite they are registered when the database is opened.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
