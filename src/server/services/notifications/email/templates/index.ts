/** Every email template (see ../render.tsx for how to add one). */
export {
  lessonBookedEmail,
  lessonCancelledEmail,
  lessonRescheduledEmail,
  lessonReminderEmail,
  reviewRequestEmail,
  type LessonEmailProps,
} from "./lesson";
export { paymentFailedEmail, paymentReceiptEmail, type PaymentEmailProps } from "./payments";
export { unreadMessagesEmail, type UnreadMessagesProps } from "./messages";
export { securityNoticeEmail, type SecurityNoticeProps } from "./security";
