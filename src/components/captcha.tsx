"use client";

import { Turnstile } from "@marsidev/react-turnstile";
import { useId, useState } from "react";
import { CheckIcon } from "~/components/ui/icons";
import { publicConfig } from "./public-config";

/**
 * Cloudflare's documented dummy token. The local verifier (embedded default) accepts only this value,
 * exactly like Turnstile's "always passes" test keys.
 */
export const LOCAL_CAPTCHA_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

type Props = {
  /** Receives a token when solved, null when it expires or fails. */
  onToken: (token: string | null) => void;
  /** Change this value to reset the widget (tokens are single-use: reset after every attempt). */
  resetKey: number;
};

/**
 * Human check shown on sign-in after repeated failures: Turnstile when a site key is configured,
 * otherwise an accessible local checkbox that yields the dummy token.
 */
export function Captcha({ onToken, resetKey }: Props) {
  return publicConfig.turnstileSiteKey ? (
    <Turnstile
      key={resetKey}
      siteKey={publicConfig.turnstileSiteKey}
      onSuccess={(token) => onToken(token)}
      onExpire={() => onToken(null)}
      onError={() => onToken(null)}
      options={{ size: "flexible", theme: "light" }}
    />
  ) : (
    <LocalCaptcha key={resetKey} onToken={onToken} />
  );
}

function LocalCaptcha({ onToken }: { onToken: (token: string | null) => void }) {
  const [checked, setChecked] = useState(false);
  const id = useId();
  return (
    <div className="flex h-16 items-center justify-between rounded-lg border border-slate-300 bg-slate-50 px-4 shadow-sm">
      <div className="flex items-center gap-3">
        <span className="relative inline-flex size-7">
          <input
            id={id}
            type="checkbox"
            checked={checked}
            onChange={(e) => {
              setChecked(e.target.checked);
              onToken(e.target.checked ? LOCAL_CAPTCHA_TOKEN : null);
            }}
            className="peer size-7 cursor-pointer appearance-none rounded-md border-2 border-slate-400 bg-white checked:border-emerald-600 checked:bg-emerald-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          />
          <CheckIcon className="pointer-events-none absolute inset-1 size-5 text-white opacity-0 peer-checked:opacity-100" />
        </span>
        <label htmlFor={id} className="cursor-pointer text-sm font-medium text-slate-800">
          I&apos;m not a robot
        </label>
      </div>
      <span className="text-right text-[10px] leading-tight text-slate-500">
        Local check
        <br />
        (development)
      </span>
    </div>
  );
}
