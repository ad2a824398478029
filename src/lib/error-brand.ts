/**
 * `instanceof` that works across Next.js bundles. Next builds each route (and instrumentation) as its own
 * bundle, so a class can exist once per bundle, while the process runtime (ports, the payment gateway) lives on
 * globalThis and is created by whichever bundle opened it first: an error thrown by a port can then fail
 * `instanceof` in the route that catches it. Errors that cross that line carry a process-wide brand
 * (`Symbol.for`) and answer `instanceof` by it.
 *
 *   const brand = errorBrand("PaymentGatewayError");
 *   class PaymentGatewayError extends Error {
 *     constructor(…) { super(…); brand.mark(this); }
 *     static [Symbol.hasInstance](v: unknown) { return brand.test(v); }
 *   }
 */
export function errorBrand(name: string) {
  const key = Symbol.for(`instainstru.error.${name}`);
  return {
    mark(target: object): void {
      Object.defineProperty(target, key, { value: true, enumerable: false });
    },
    test(value: unknown): boolean {
      return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[key] === true;
    },
  };
}
