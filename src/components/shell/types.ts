import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

/** The signed-in person as `account.me` returns it. */
export type Me = NonNullable<inferRouterOutputs<AppRouter>["account"]["me"]>;

/** The little the header needs (client components get only this, not permissions etc.). */
export type NavUser = Pick<Me, "firstName" | "lastName" | "email" | "role">;
