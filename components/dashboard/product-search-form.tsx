"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
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
      <label className="flex flex-col text-sm">
        <span className="mb-1 text-slate-600">Product type</span>
        <select
          className="rounded border border-slate-300 bg-white px-2 py-2"
          value={type}
          onChange={(e) => setType(e.target.value as ProductType)}
        >
          {PRODUCT_TYPES.map((t) => (
            <option key={t} value={t}>
              {PRODUCT_TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-64 flex-1 flex-col text-sm">
        <span className="mb-1 text-slate-600">
          {type === "drug" ? "Generic, brand or substance name" : type === "device" ? "Device generic or brand name" : "3-letter FDA product code"}
        </span>
        <input
          className="rounded border border-slate-300 px-3 py-2"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={type === "drug" ? "e.g. AMBRISENTAN" : type === "device" ? "e.g. BONE CEMENT" : "e.g. LOD"}
          maxLength={200}
          required
        />
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
        Look up
      </button>
    </form>
  );
}
