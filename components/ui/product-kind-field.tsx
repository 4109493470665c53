import { Field } from "@/components/ui/field";

// The product-type choice of the forms that name a product (reports, watchlists): the analytics API's
// three ways to name one.

export type ProductKind = "drug" | "device" | "productCode";
const KIND_LABEL: Record<ProductKind, string> = { drug: "Drug", device: "Device", productCode: "Product code" };

export function ProductKindField({ value, onChange, name }: { value: ProductKind; onChange: (kind: ProductKind) => void; name?: string }) {
  return (
    <Field label="Product type" size="sm">
      {(control) => (
        <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value as ProductKind)}>
          {(Object.keys(KIND_LABEL) as ProductKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
