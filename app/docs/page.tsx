// /docs – the API reference: Swagger UI over /api/openapi.json, bundled with the app (no CDN) (public)
import type { Metadata } from "next";
import { SwaggerUi } from "@/components/docs/swagger-ui";

export const metadata: Metadata = { title: "API reference · CER Analytics" };

export default function DocsPage() {
  return (
    <main className="mx-auto max-w-6xl bg-white px-4 py-6">
      {/* Served by /docs/assets (not bundled) like the script; 'self' in the page CSP's style-src allows it without a nonce. */}
      {/* eslint-disable-next-line @next/next/no-css-tags */}
      <link rel="stylesheet" href="/docs/assets/swagger-ui.css" precedence="default" />
      <h1 className="text-2xl font-semibold">API reference</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every endpoint, generated from the app&apos;s schemas. The raw document: <a className="text-indigo-700 underline" href="/api/openapi.json">/api/openapi.json</a>.
        Signed in, &quot;Try it out&quot; uses your session; otherwise paste a bearer token under &quot;Authorize&quot;.
      </p>
      <SwaggerUi url="/api/openapi.json" />
    </main>
  );
}
