import type { Metadata } from "next";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { SourceBadge } from "@/components/dashboard/source-badge";
import { Providers } from "@/app/providers";
import { currentPagePrincipal } from "@/lib/auth/page-auth";
import { roleHasPermission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { logger } from "@/lib/observability/logger";
import "./globals.css";

export const metadata: Metadata = {
  title: "CER Analytics",
  description: "FAERS and MAUDE adverse-event trends, signals and clinical evaluation reports, with provenance for every number.",
  icons: { icon: "/favicon.svg" },
};

/** The header only shows who is signed in; with the session store down it shows nothing and the page itself answers. */
async function headerPrincipal(): Promise<Principal> {
  try {
    return await currentPagePrincipal();
  } catch (error) {
    unstable_rethrow(error);
    logger.warn("layout.principal_unavailable", { error: error instanceof Error ? error.name : "unknown" });
    return { kind: "anonymous" };
  }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const principal = await headerPrincipal();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <Providers signedIn={principal.kind === "user"}>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
              <Link href="/" className="text-lg font-semibold text-indigo-700">
                CER Analytics
              </Link>
              <div className="flex flex-wrap items-center gap-4">
                <SourceBadge />
                {principal.kind === "user" && (
                  <UserMenu
                    userId={principal.userId}
                    email={principal.email}
                    role={principal.role}
                    canAdmin={roleHasPermission(principal.role, "users:manage")}
                    canReport={roleHasPermission(principal.role, "reports:create")}
                    canSeeAlerts={roleHasPermission(principal.role, "alerts:read")}
                  />
                )}
              </div>
            </div>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
