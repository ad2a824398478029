CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backup_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_channel_ck" CHECK ("outbox"."channel" in ('email','sms'))
);
--> statement-breakpoint
CREATE TABLE "phone_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_config" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"phone" text,
	"phone_verified_at" timestamp with time zone,
	"totp_secret_enc" text,
	"totp_enabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_ck" CHECK ("users"."role" in ('student','instructor','admin')),
	CONSTRAINT "users_status_ck" CHECK ("users"."status" in ('active','suspended','deleted')),
	CONSTRAINT "users_phone_e164_ck" CHECK ("users"."phone" is null or "users"."phone" ~ '^\+[1-9][0-9]{6,14}$')
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "region_aliases" (
	"alias" text NOT NULL,
	"region_id" text NOT NULL,
	"source" text DEFAULT 'seed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_aliases_source_ck" CHECK ("region_aliases"."source" in ('seed','learned')),
	CONSTRAINT "region_aliases_lower_ck" CHECK ("region_aliases"."alias" = lower("region_aliases"."alias"))
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"radius_km" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_slug_unique" UNIQUE("slug"),
	CONSTRAINT "regions_kind_ck" CHECK ("regions"."kind" in ('city','borough','neighbourhood'))
);
--> statement-breakpoint
CREATE TABLE "subject_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"subject_id" text NOT NULL,
	CONSTRAINT "subject_aliases_lower_ck" CHECK ("subject_aliases"."alias" = lower("subject_aliases"."alias"))
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" text PRIMARY KEY NOT NULL,
	"category_id" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subjects_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "availability_blackouts" (
	"instructor_id" text NOT NULL,
	"local_date" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_blackouts_instructor_id_local_date_pk" PRIMARY KEY("instructor_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "availability_days" (
	"instructor_id" text NOT NULL,
	"local_date" text NOT NULL,
	"bits" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_days_instructor_id_local_date_pk" PRIMARY KEY("instructor_id","local_date"),
	CONSTRAINT "availability_days_date_ck" CHECK ("availability_days"."local_date" ~ '^\d{4}-\d{2}-\d{2}$'),
	CONSTRAINT "availability_days_len_ck" CHECK (octet_length("availability_days"."bits") = 180)
);
--> statement-breakpoint
CREATE TABLE "availability_patterns" (
	"instructor_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"bits" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_patterns_instructor_id_weekday_pk" PRIMARY KEY("instructor_id","weekday"),
	CONSTRAINT "availability_patterns_weekday_ck" CHECK ("availability_patterns"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "availability_weeks" (
	"instructor_id" text NOT NULL,
	"week_start" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_weeks_instructor_id_week_start_pk" PRIMARY KEY("instructor_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"student_id" text NOT NULL,
	"instructor_id" text NOT NULL,
	"service_id" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"buffer_minutes" integer DEFAULT 15 NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending_payment' NOT NULL,
	"location_type" text NOT NULL,
	"location_details" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"rescheduled_from_id" text,
	"reschedule_count" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancellation_fee_cents" integer,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_status_ck" CHECK ("bookings"."status" in ('pending_payment','confirmed','completed','cancelled','no_show')),
	CONSTRAINT "bookings_range_ck" CHECK ("bookings"."end_at" > "bookings"."start_at" and "bookings"."blocked_until" >= "bookings"."end_at"),
	CONSTRAINT "bookings_price_ck" CHECK ("bookings"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "favourites" (
	"student_id" text NOT NULL,
	"instructor_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favourites_student_id_instructor_id_pk" PRIMARY KEY("student_id","instructor_id")
);
--> statement-breakpoint
CREATE TABLE "instructor_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"headline" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"photo_url" text,
	"years_experience" integer DEFAULT 0 NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"offers_travel" boolean DEFAULT false NOT NULL,
	"offers_at_location" boolean DEFAULT false NOT NULL,
	"offers_online" boolean DEFAULT false NOT NULL,
	"address_line" text,
	"address_lat" double precision,
	"address_lng" double precision,
	"public_lat" double precision,
	"public_lng" double precision,
	"neighbourhood_id" text,
	"background_check" text DEFAULT 'pending' NOT NULL,
	"payout_status" text DEFAULT 'not_started' NOT NULL,
	"founding" boolean DEFAULT false NOT NULL,
	"buffer_minutes" integer DEFAULT 15 NOT NULL,
	"min_notice_minutes" integer DEFAULT 120 NOT NULL,
	"horizon_days" integer DEFAULT 90 NOT NULL,
	"rating_avg" double precision DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instructor_bg_ck" CHECK ("instructor_profiles"."background_check" in ('pending','passed','failed')),
	CONSTRAINT "instructor_payout_ck" CHECK ("instructor_profiles"."payout_status" in ('not_started','pending','active')),
	CONSTRAINT "instructor_buffer_ck" CHECK ("instructor_profiles"."buffer_minutes" between 0 and 120),
	CONSTRAINT "instructor_notice_ck" CHECK ("instructor_profiles"."min_notice_minutes" between 0 and 10080),
	CONSTRAINT "instructor_horizon_ck" CHECK ("instructor_profiles"."horizon_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "instructor_service_areas" (
	"instructor_id" text NOT NULL,
	"region_id" text NOT NULL,
	CONSTRAINT "instructor_service_areas_instructor_id_region_id_pk" PRIMARY KEY("instructor_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "instructor_services" (
	"id" text PRIMARY KEY NOT NULL,
	"instructor_id" text NOT NULL,
	"subject_id" text NOT NULL,
	"hourly_rate_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"durations" integer[] NOT NULL,
	"location_types" text[] NOT NULL,
	"age_groups" text[] NOT NULL,
	"levels" text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_rate_ck" CHECK ("instructor_services"."hourly_rate_cents" between 500 and 100000),
	CONSTRAINT "service_currency_ck" CHECK ("instructor_services"."currency" = 'USD'),
	CONSTRAINT "service_durations_ck" CHECK (cardinality("instructor_services"."durations") > 0 and "instructor_services"."durations" <@ array[30,45,60,90]),
	CONSTRAINT "service_location_types_ck" CHECK (cardinality("instructor_services"."location_types") > 0 and "instructor_services"."location_types" <@ array['student_location','instructor_location','online','neutral_location']::text[])
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_codes" ADD CONSTRAINT "backup_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_verifications" ADD CONSTRAINT "phone_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_config" ADD CONSTRAINT "platform_config_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_aliases" ADD CONSTRAINT "region_aliases_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_aliases" ADD CONSTRAINT "subject_aliases_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subjects" ADD CONSTRAINT "subjects_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_blackouts" ADD CONSTRAINT "availability_blackouts_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_days" ADD CONSTRAINT "availability_days_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_patterns" ADD CONSTRAINT "availability_patterns_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_weeks" ADD CONSTRAINT "availability_weeks_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_service_id_instructor_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."instructor_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_profiles" ADD CONSTRAINT "instructor_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_profiles" ADD CONSTRAINT "instructor_profiles_neighbourhood_id_regions_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_service_areas" ADD CONSTRAINT "instructor_service_areas_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_service_areas" ADD CONSTRAINT "instructor_service_areas_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_services" ADD CONSTRAINT "instructor_services_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_services" ADD CONSTRAINT "instructor_services_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "backup_codes_user_idx" ON "backup_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_created_idx" ON "outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "phone_verifications_user_idx" ON "phone_verifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "region_aliases_alias_uq" ON "region_aliases" USING btree ("alias");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "regions_name_trgm" ON "regions" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "subject_aliases_subject_idx" ON "subject_aliases" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "subjects_category_idx" ON "subjects" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "subjects_name_trgm" ON "subjects" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "bookings_instructor_start_idx" ON "bookings" USING btree ("instructor_id","start_at");--> statement-breakpoint
CREATE INDEX "bookings_student_start_idx" ON "bookings" USING btree ("student_id","start_at");--> statement-breakpoint
CREATE INDEX "instructor_profiles_neighbourhood_idx" ON "instructor_profiles" USING btree ("neighbourhood_id");--> statement-breakpoint
CREATE INDEX "service_areas_region_idx" ON "instructor_service_areas" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "instructor_services_instructor_idx" ON "instructor_services" USING btree ("instructor_id");--> statement-breakpoint
CREATE INDEX "instructor_services_subject_idx" ON "instructor_services" USING btree ("subject_id");