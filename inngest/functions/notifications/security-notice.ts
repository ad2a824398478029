import { defineFunction } from "../../define";

/** Security notices (new sign-in from a new device, password or 2FA change): in-app + email, preferences ignored. */
export const securityNotice = defineFunction({
  id: "notify-security-notice",
  event: "security/notice",
  handler: async ({ event, step, services }) =>
    step.run("send-notice", () =>
      services.notificationFlows.securityNotice({
        userId: event.data.userId,
        kind: event.data.kind,
        key: event.data.key,
        at: new Date(event.data.at),
        device: event.data.device,
      }),
    ),
});
