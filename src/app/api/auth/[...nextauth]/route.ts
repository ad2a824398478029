import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/next-auth";

/** next-auth v4's App Router handler (its own typings return `any`). */
type RouteHandler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
const handler = NextAuth(authOptions) as RouteHandler;
export { handler as GET, handler as POST };
