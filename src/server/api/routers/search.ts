import { QUERY_COST, costLimited, createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import {
  ZLogClickInput,
  ZLogClickOutput,
  ZSearchInstructorsInput,
  ZSearchResponse,
  ZSuggestInput,
  ZSuggestOutput,
} from "./search.schemas";

/** Natural-language instructor search (PRODUCT.md §7). Public; every search and click is recorded with a hashed IP. */
export const searchRouter = createTRPCRouter({
  /** Query text (+ edited chips) → privacy-shaped cards, the parsed query, diagnostics; paged by cursor. */
  instructors: publicProcedure
    .use(costLimited(QUERY_COST.search))
    .input(ZSearchInstructorsInput)
    .output(ZSearchResponse)
    .query(({ ctx, input }) => ctx.services.search.instructors(input, { ip: ctx.ip, actor: ctx.actor })),
  /** Autocomplete of subjects and places (≤ 8). */
  suggest: publicProcedure
    .use(costLimited(QUERY_COST.suggest))
    .input(ZSuggestInput)
    .output(ZSuggestOutput)
    .query(({ ctx, input }) => ctx.services.search.suggest(input.prefix)),
  /** A result was opened (feeds analytics and alias learning); only a card of that search, by its token. */
  logClick: publicProcedure
    .input(ZLogClickInput)
    .output(ZLogClickOutput)
    .mutation(({ ctx, input }) => ctx.services.search.logClick(input, { ip: ctx.ip, actor: ctx.actor })),
});
