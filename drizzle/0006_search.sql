CREATE TABLE "search_clicks" (
	"id" text PRIMARY KEY NOT NULL,
	"search_id" text NOT NULL,
	"instructor_id" text NOT NULL,
	"position" integer NOT NULL,
	"ip_hash" text,
	"location_term" text,
	"region_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"service_id" text PRIMARY KEY NOT NULL,
	"instructor_id" text NOT NULL,
	"subject_id" text NOT NULL,
	"document" text NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "document")) STORED NOT NULL,
	"content_hash" text NOT NULL,
	"source_updated_at" timestamp with time zone NOT NULL,
	"embedding" real[],
	"embedding_model" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_events" (
	"id" text PRIMARY KEY NOT NULL,
	"query" text NOT NULL,
	"normalised" text NOT NULL,
	"parsed" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result_count" integer NOT NULL,
	"ip_hash" text,
	"ms" integer NOT NULL,
	"degraded" boolean DEFAULT false NOT NULL,
	"skipped" text[] DEFAULT '{}'::text[] NOT NULL,
	"cached" boolean DEFAULT false NOT NULL,
	"location_term" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_clicks" ADD CONSTRAINT "search_clicks_search_id_search_events_id_fk" FOREIGN KEY ("search_id") REFERENCES "public"."search_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_clicks" ADD CONSTRAINT "search_clicks_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_clicks" ADD CONSTRAINT "search_clicks_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_service_id_instructor_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."instructor_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_clicks_search_idx" ON "search_clicks" USING btree ("search_id");--> statement-breakpoint
CREATE INDEX "search_clicks_term_region_idx" ON "search_clicks" USING btree ("location_term","region_id");--> statement-breakpoint
CREATE INDEX "search_clicks_created_idx" ON "search_clicks" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "search_documents_instructor_idx" ON "search_documents" USING btree ("instructor_id");--> statement-breakpoint
CREATE INDEX "search_documents_subject_idx" ON "search_documents" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_document_trgm" ON "search_documents" USING gin ("document" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_documents_updated_idx" ON "search_documents" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "search_events_created_idx" ON "search_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "search_events_normalised_idx" ON "search_events" USING btree ("normalised","created_at");