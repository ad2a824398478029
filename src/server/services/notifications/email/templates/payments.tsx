import { CallToAction, Details, P } from "../layout";
import { defineEmailTemplate } from "../render";

export type PaymentEmailProps = {
  recipientFirstName: string;
  subjectName: string;
  instructorName: string;
  /** The lesson time in the reader's zone, zone named. */
  when: string;
  /** "$60.00". */
  amount: string;
  lessonPath: string;
};

export const paymentFailedEmail = defineEmailTemplate<PaymentEmailProps & { reason: string; deadline: string }>({
  id: "payment-failed",
  subject: (p) => `Action needed: your card was declined for ${p.subjectName} on ${p.when}`,
  heading: () => "Your card was declined",
  reason: () => "You get payment notices for your InstaInstru bookings.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName}, we couldn&apos;t authorize {p.amount} for your {p.subjectName} lesson with{" "}
        {p.instructorName}: {p.reason}
      </P>
      <P>Update your card before {p.deadline} or the lesson will be cancelled.</P>
      <CallToAction href={ctx.url(p.lessonPath)}>Update payment</CallToAction>
    </>
  ),
});

export const paymentReceiptEmail = defineEmailTemplate<PaymentEmailProps & { paidAt: string }>({
  id: "payment-receipt",
  subject: (p) => `Receipt: ${p.amount} for ${p.subjectName} with ${p.instructorName}`,
  heading: () => "Payment receipt",
  reason: () => "You get payment notices for your InstaInstru bookings.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>Hi {p.recipientFirstName}, thanks for learning on InstaInstru. Here is your receipt.</P>
      <Details
        rows={[
          ["Lesson", `${p.subjectName} with ${p.instructorName}`],
          ["When", p.when],
          ["Amount charged", p.amount],
          ["Charged on", p.paidAt],
        ]}
      />
      <CallToAction href={ctx.url(p.lessonPath)}>View lesson</CallToAction>
    </>
  ),
});
