import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SourceBadge } from "@/components/dashboard/source-badge";
import { Providers } from "@/app/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "CER Analytics",
  description: "FAERS and MAUDE adverse-event trends, signals and clinical evaluation reports, with provenance for every number.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <Providers>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
              <Link href="/" className="text-lg font-semibold text-indigo-700">
                CER Analytics
              </Link>
              <SourceBadge />
            </div>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
