// Browser-safe mapping between the page URL (/products/[type]/[name]) and the API's query parameters.

export const PRODUCT_TYPES = ["drug", "device", "product-code"] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export function isProductType(value: string): value is ProductType {
  return (PRODUCT_TYPES as readonly string[]).includes(value);
}

export function productParam(type: ProductType, name: string): Record<string, string> {
  if (type === "drug") return { drug: name };
  if (type === "device") return { device: name };
  return { productCode: name };
}

export const PRODUCT_TYPE_LABEL: Record<ProductType, string> = {
  drug: "Drug",
  device: "Device",
  "product-code": "Device product code",
};
