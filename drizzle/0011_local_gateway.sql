CREATE TABLE "job_events" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"function_id" text NOT NULL,
	"event_name" text NOT NULL,
	"event_id" text,
	"event_data" jsonb NOT NULL,
	"status" text NOT NULL,
	"wake_at" timestamp with time zone NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"output" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_runs_status_ck" CHECK ("job_runs"."status" in ('queued','running','sleeping','completed','failed','cancelled')),
	CONSTRAINT "job_runs_attempts_ck" CHECK ("job_runs"."attempt" >= 0 and "job_runs"."max_attempts" >= 1)
);
--> statement-breakpoint
CREATE TABLE "job_steps" (
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"kind" text NOT NULL,
	"output" jsonb,
	"wake_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "job_steps_run_id_step_id_pk" PRIMARY KEY("run_id","step_id"),
	CONSTRAINT "job_steps_kind_ck" CHECK ("job_steps"."kind" in ('run','sleep'))
);
--> statement-breakpoint
CREATE TABLE "local_gateway_idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_gateway_idempotency_key_len_ck" CHECK (char_length("local_gateway_idempotency_keys"."key") between 1 and 255)
);
--> statement-breakpoint
CREATE TABLE "local_gateway_objects" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"parent_id" text,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_gateway_objects_type_ck" CHECK ("local_gateway_objects"."type" in ('secret','account','account_link','customer','setup_intent','payment_method','payment_intent','refund'))
);
--> statement-breakpoint
ALTER TABLE "job_steps" ADD CONSTRAINT "job_steps_run_id_job_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."job_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_runs_due_idx" ON "job_runs" USING btree ("wake_at") WHERE "job_runs"."status" in ('queued', 'sleeping');--> statement-breakpoint
CREATE INDEX "job_runs_lease_idx" ON "job_runs" USING btree ("lease_until") WHERE "job_runs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "job_runs_function_status_idx" ON "job_runs" USING btree ("function_id","status");--> statement-breakpoint
CREATE INDEX "local_gateway_objects_parent_idx" ON "local_gateway_objects" USING btree ("type","parent_id");