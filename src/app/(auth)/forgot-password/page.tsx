import type { Metadata } from "next";
import { ForgotPasswordForm } from "~/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="w-full max-w-md">
      <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-card sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Forgot your password?</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Enter the email address of your account and we&apos;ll send you a link to choose a new password.
        </p>
        <ForgotPasswordForm />
      </div>
    </div>
  );
}
