"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PRODUCT_TYPES, PRODUCT_TYPE_LABEL, type ProductType } from "@/lib/client/product-params";

export function ProductSearchForm() {
  const router = useRouter();
  const [type, setType] = useState<ProductType>("drug");
  const [name, setName] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed) router.push(`/products/${type}/${encodeURIComponent(trimmed)}`);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" role="search">
      <Field label="Product type">
        {(control) => (
          <select {...control} value={type} onChange={(e) => setType(e.target.value as ProductType)}>
            {PRODUCT_TYPES.map((t) => (
              <option key={t} value={t}>
                {PRODUCT_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={type === "drug" ? "Generic, brand or substance name" : type === "device" ? "Device generic or brand name" : "3-letter FDA product code"}
        className="min-w-64 flex-1"
      >
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={type === "drug" ? "e.g. AMBRISENTAN" : type === "device" ? "e.g. BONE CEMENT" : "e.g. LOD"}
            maxLength={200}
            required
          />
        )}
      </Field>
      <Button type="submit" variant="primary" size="lg">
        Look up
      </Button>
    </form>
  );
}
