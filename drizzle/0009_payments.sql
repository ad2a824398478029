CREATE TABLE "booking_payments" (
	"booking_id" text PRIMARY KEY NOT NULL,
	"student_id" text NOT NULL,
	"instructor_id" text NOT NULL,
	"state" text NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"lesson_price_cents" integer NOT NULL,
	"credit_applied_cents" integer DEFAULT 0 NOT NULL,
	"card_amount_cents" integer NOT NULL,
	"fee_percent" integer NOT NULL,
	"platform_fee_cents" integer NOT NULL,
	"instructor_share_cents" integer NOT NULL,
	"captured_cents" integer DEFAULT 0 NOT NULL,
	"credit_used_cents" integer DEFAULT 0 NOT NULL,
	"refunded_cents" integer DEFAULT 0 NOT NULL,
	"payment_method_id" text,
	"card_brand" text,
	"card_last4" text,
	"payment_intent_id" text,
	"charge_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"authorize_at" timestamp with time zone,
	"authorized_at" timestamp with time zone,
	"capture_at" timestamp with time zone,
	"captured_at" timestamp with time zone,
	"disputed_at" timestamp with time zone,
	"last_error" text,
	"last_decline_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_payments_payment_intent_id_unique" UNIQUE("payment_intent_id"),
	CONSTRAINT "booking_payments_state_ck" CHECK ("booking_payments"."state" in ('awaiting_card','scheduled','authorizing','authorized','auth_failed','captured','released','refunded','partially_refunded','disputed','not_required')),
	CONSTRAINT "booking_payments_currency_ck" CHECK ("booking_payments"."currency" = 'USD'),
	CONSTRAINT "booking_payments_split_ck" CHECK ("booking_payments"."credit_applied_cents" >= 0 and "booking_payments"."card_amount_cents" >= 0 and "booking_payments"."credit_applied_cents" + "booking_payments"."card_amount_cents" = "booking_payments"."lesson_price_cents"),
	CONSTRAINT "booking_payments_fee_ck" CHECK ("booking_payments"."fee_percent" between 0 and 100 and "booking_payments"."platform_fee_cents" >= 0 and "booking_payments"."instructor_share_cents" >= 0 and "booking_payments"."platform_fee_cents" + "booking_payments"."instructor_share_cents" = "booking_payments"."lesson_price_cents"),
	CONSTRAINT "booking_payments_captured_ck" CHECK ("booking_payments"."captured_cents" between 0 and "booking_payments"."card_amount_cents" and "booking_payments"."refunded_cents" between 0 and "booking_payments"."captured_cents" + "booking_payments"."credit_used_cents"),
	CONSTRAINT "booking_payments_credit_used_ck" CHECK ("booking_payments"."credit_used_cents" between 0 and "booking_payments"."credit_applied_cents"),
	CONSTRAINT "booking_payments_attempts_ck" CHECK ("booking_payments"."attempts" >= 0),
	CONSTRAINT "booking_payments_last4_ck" CHECK ("booking_payments"."card_last4" is null or "booking_payments"."card_last4" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "credit_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"student_id" text NOT NULL,
	"booking_id" text,
	"kind" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_entries_kind_ck" CHECK ("credit_entries"."kind" in ('grant','spend','restore')),
	CONSTRAINT "credit_entries_sign_ck" CHECK (("credit_entries"."kind" = 'spend' and "credit_entries"."amount_cents" < 0) or ("credit_entries"."kind" <> 'spend' and "credit_entries"."amount_cents" > 0)),
	CONSTRAINT "credit_entries_booking_ck" CHECK ("credit_entries"."kind" = 'grant' or "credit_entries"."booking_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"transaction_id" text NOT NULL,
	"booking_id" text,
	"user_id" text,
	"account" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_account_ck" CHECK ("ledger_entries"."account" in ('student_card','student_credit','platform_fee','instructor_payable','refunds','promotions','credit_liability')),
	CONSTRAINT "ledger_entries_amount_ck" CHECK ("ledger_entries"."amount_cents" <> 0)
);
--> statement-breakpoint
CREATE TABLE "payment_accounts" (
	"instructor_id" text PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"requirements_due" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_accounts_stripe_account_id_unique" UNIQUE("stripe_account_id"),
	CONSTRAINT "payment_accounts_state_ck" CHECK ("payment_accounts"."state" in ('pending','complete'))
);
--> statement-breakpoint
CREATE TABLE "payment_customers" (
	"user_id" text PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"default_payment_method_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_customers_stripe_customer_id_unique" UNIQUE("stripe_customer_id")
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" text PRIMARY KEY NOT NULL,
	"booking_id" text NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"amount_cents" integer,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"created_unix" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "booking_payments" ADD CONSTRAINT "booking_payments_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_payments" ADD CONSTRAINT "booking_payments_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_payments" ADD CONSTRAINT "booking_payments_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_entries" ADD CONSTRAINT "credit_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_accounts" ADD CONSTRAINT "payment_accounts_instructor_id_instructor_profiles_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."instructor_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_customers" ADD CONSTRAINT "payment_customers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_payments_instructor_idx" ON "booking_payments" USING btree ("instructor_id","state");--> statement-breakpoint
CREATE INDEX "booking_payments_student_idx" ON "booking_payments" USING btree ("student_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_entries_booking_kind_uq" ON "credit_entries" USING btree ("booking_id","kind") WHERE "credit_entries"."booking_id" is not null;--> statement-breakpoint
CREATE INDEX "credit_entries_student_idx" ON "credit_entries" USING btree ("student_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_tx_idx" ON "ledger_entries" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_booking_idx" ON "ledger_entries" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "payment_events_booking_idx" ON "payment_events" USING btree ("booking_id","created_at");--> statement-breakpoint
CREATE INDEX "stripe_events_type_idx" ON "stripe_events" USING btree ("type","received_at");