// The 404 page. Next's built-in one uses inline styles that the nonce CSP blocks; this one uses
// Tailwind classes only, and says nothing about whether a signed-in-only page exists.
import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3 py-10">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600">There is no page at this address.</p>
      <Link href="/" className="text-indigo-700 underline">
        Go to the product search
      </Link>
    </div>
  );
}
