-- No double booking, enforced by the database: two active bookings of one instructor may not overlap
-- once the earlier one's end is widened by its buffer (blocked_until), and one student may not hold two
-- overlapping active bookings. Concurrent inserts for one time cannot both commit.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_instructor_no_overlap"
  EXCLUDE USING gist ("instructor_id" WITH =, tstzrange("start_at", "blocked_until", '[)') WITH &&)
  WHERE ("status" IN ('pending_payment', 'confirmed'));
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_student_no_overlap"
  EXCLUDE USING gist ("student_id" WITH =, tstzrange("start_at", "end_at", '[)') WITH &&)
  WHERE ("status" IN ('pending_payment', 'confirmed'));
