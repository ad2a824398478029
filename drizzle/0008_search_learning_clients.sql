DROP INDEX "search_clicks_search_idx";--> statement-breakpoint
ALTER TABLE "search_clicks" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "search_clicks" ADD COLUMN "learnable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "search_events" ADD COLUMN "client_key" text;--> statement-breakpoint
CREATE INDEX "search_clicks_search_idx" ON "search_clicks" USING btree ("search_id","client_key");