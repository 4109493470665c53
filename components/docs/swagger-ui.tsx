"use client";
import { useEffect, useRef, useState } from "react";

type SwaggerUiBundle = (options: Record<string, unknown>) => unknown;
declare global {
  interface Window {
    SwaggerUIBundle?: SwaggerUiBundle;
  }
}

const BUNDLE_SRC = "/docs/assets/swagger-ui-bundle.js";

/** Loads the bundle once; a script element made by our (nonced) code is trusted under 'strict-dynamic'. */
function loadBundle(): Promise<SwaggerUiBundle> {
  if (window.SwaggerUIBundle) return Promise.resolve(window.SwaggerUIBundle);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = BUNDLE_SRC;
    script.async = true;
    script.onload = () => (window.SwaggerUIBundle ? resolve(window.SwaggerUIBundle) : reject(new Error("Swagger UI did not load")));
    script.onerror = () => reject(new Error("Swagger UI could not be loaded"));
    document.head.append(script);
  });
}

/**
 * Swagger UI over the API document, from the prebuilt swagger-ui-dist bundle (Turbopack's build of
 * swagger-ui-react breaks on OpenAPI 3.1: stack.md P30). "Try it out" calls this origin: the browser
 * sends the session cookie by itself, or paste a bearer token under "Authorize".
 */
export function SwaggerUi({ url }: { url: string }) {
  const node = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadBundle()
      .then((SwaggerUIBundle) => {
        if (cancelled || !node.current) return;
        SwaggerUIBundle({
          url,
          domNode: node.current,
          deepLinking: true,
          // The default validator badge is an image from validator.swagger.io: off (and the CSP would block it).
          validatorUrl: null,
          tryItOutEnabled: false,
          persistAuthorization: false,
        });
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
    };
  }, [url]);

  return (
    <>
      {problem && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {problem}. The document itself is at <a href={url}>{url}</a>.
        </p>
      )}
      <div ref={node} data-testid="swagger-ui" />
    </>
  );
}
