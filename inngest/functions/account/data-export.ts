import { defineFunction } from "../../define";

/**
 * GDPR data export (PRODUCT.md §1, §10): assembles the JSON archive of everything about the user and marks it
 * ready for its signed, single-download link. Idempotent: an export already assembled is left as it is.
 */
export const dataExport = defineFunction({
  id: "account-data-export",
  event: "account/export-requested",
  retries: 3,
  handler: async ({ event, step, services }) => {
    const status = await step.run("assemble", () => services.privacy.assembleExport(event.data.exportId));
    return { status };
  },
});
