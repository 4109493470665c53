import { z } from "zod";

// Raw openFDA response shapes: only the parts we read, tolerant of everything else.

export const openFdaMetaSchema = z
  .object({
    last_updated: z.string().optional(),
    disclaimer: z.string().optional(),
    results: z.object({ skip: z.number(), limit: z.number(), total: z.number() }).partial().optional(),
  })
  .loose();

export const termCountResponseSchema = z.object({
  meta: openFdaMetaSchema.optional(),
  results: z.array(z.object({ term: z.union([z.string(), z.number()]), count: z.number().int().nonnegative() })),
});

export const timeCountResponseSchema = z.object({
  meta: openFdaMetaSchema.optional(),
  results: z.array(z.object({ time: z.string().regex(/^\d{8}$/), count: z.number().int().nonnegative() })),
});

export const searchResponseSchema = z.object({
  meta: openFdaMetaSchema.optional(),
  results: z.array(z.unknown()),
});

export const openFdaErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional() }).loose(),
});
