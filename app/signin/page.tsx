// /signin – sign in with email and password, or single sign-on when OIDC is configured (public)
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentPagePrincipal } from "@/lib/auth/page-auth";
import { safeCallbackUrl } from "@/lib/client/sign-in";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in · CER Analytics" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : null;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await currentPagePrincipal();
  if (principal.kind === "user") redirect("/");
  const params = await searchParams;
  return (
    <section className="mx-auto max-w-sm space-y-4 rounded border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Sign in</h1>
      <SignInForm
        callbackUrl={safeCallbackUrl(single(params.callbackUrl))}
        initialError={single(params.error)}
        oidcEnabled={getEnv().OIDC_ISSUER !== undefined}
      />
    </section>
  );
}
