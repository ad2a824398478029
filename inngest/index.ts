import type { DefinedFunction } from "./define";
import { unreadMessageEmail } from "./functions/messaging/unread-email";
import { autoCompleteCreated, autoCompleteRescheduled } from "./functions/booking/auto-complete";
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
// Each function is typed by its own event; the list erases that (handlers are contravariant in the event).
export const definedFunctions: DefinedFunction[] = [
  unreadMessageEmail as unknown as DefinedFunction,
  autoCompleteCreated as unknown as DefinedFunction,
  autoCompleteRescheduled as unknown as DefinedFunction,
  ...(bookingNotificationFunctions as unknown as DefinedFunction[]),
  authorizePayment as unknown as DefinedFunction,
  capturePayment as unknown as DefinedFunction,
  settleCancelledPayment as unknown as DefinedFunction,
  settleNoShowPayment as unknown as DefinedFunction,
  remindersOnCreated as unknown as DefinedFunction,
  remindersOnRescheduled as unknown as DefinedFunction,
  paymentReceipt as unknown as DefinedFunction,
  securityNotice as unknown as DefinedFunction,
  retentionDaily as unknown as DefinedFunction,
  dataExport as unknown as DefinedFunction,
];

export const functions = definedFunctions.map((d) => d.fn);
