// /products/[type]/[name] – trend, top reactions and breakdowns for one product (analytics:read — viewer, analyst, admin)
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ProductDashboard } from "@/components/dashboard/product-dashboard";
import { AccessDenied } from "@/components/ui/access-denied";
import { StateMessage } from "@/components/ui/state-message";
import { requirePagePermission } from "@/lib/auth/page-auth";
import { isProductType } from "@/lib/client/product-params";

export default async function ProductPage({ params }: { params: Promise<{ type: string; name: string }> }) {
  const { type, name: rawName } = await params;
  const access = await requirePagePermission("analytics:read", `/products/${type}/${rawName}`);
  if (!access.allowed) return <AccessDenied role={access.principal.role} permission="analytics:read" />;
  let name: string;
  try {
    name = decodeURIComponent(rawName).trim();
  } catch {
    notFound();
  }
  if (!isProductType(type) || name.length === 0 || name.length > 200) notFound();
  return (
    <Suspense fallback={<StateMessage kind="loading">Loading…</StateMessage>}>
      <ProductDashboard type={type} name={name} />
    </Suspense>
  );
}
