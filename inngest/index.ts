import type { DefinedFunction } from "./define";
import { unreadMessageEmail } from "./functions/messaging/unread-email";
import { autoCompleteCreated, autoCompleteRescheduled, autoCompleteSweep } from "./functions/booking/auto-complete";
import { bookingNotificationFunctions } from "./functions/booking/lifecycle-notifications";
import { authorizePayment } from "./functions/payments/authorize";
import { capturePayment } from "./functions/payments/capture";
import { settleCancelledPayment, settleNoShowPayment } from "./functions/payments/settle";
import { remindersOnCreated, remindersOnRescheduled } from "./functions/notifications/reminders";
import { paymentReceipt } from "./functions/notifications/payment-receipt";
import { securityNotice } from "./functions/notifications/security-notice";
import { retentionDaily } from "./functions/account/retention";
import { dataExport } from "./functions/account/data-export";

/** Every background function, for `serve()` and for local dispatch. */
export const definedFunctions: DefinedFunction[] = [
  unreadMessageEmail,
  autoCompleteCreated,
  autoCompleteRescheduled,
  autoCompleteSweep,
  ...bookingNotificationFunctions,
  authorizePayment,
  capturePayment,
  settleCancelledPayment,
  settleNoShowPayment,
  remindersOnCreated,
  remindersOnRescheduled,
  paymentReceipt,
  securityNotice,
  retentionDaily,
  dataExport,
];

export const functions = definedFunctions.map((d) => d.fn);
