import { AppError } from "@/lib/errors/app-error";

// Farrington-flexible fits one GLM per assessed period (about 6 ms each here); past this many periods a
// request would hold the server for seconds, so "auto" uses EARS C3 and an explicit request is refused.
export const MAX_FARRINGTON_POINTS = 1000;

type Method = "auto" | "ears_c1" | "ears_c2" | "ears_c3" | "farrington" | "shesd";

/** The method to run on `points` periods, and a note when "auto" had to step down from Farrington. */
export function budgetAnomalyMethod(requested: Method, points: number): { method: Method; note: string | null } {
  if (points <= MAX_FARRINGTON_POINTS) return { method: requested, note: null };
  if (requested === "farrington") {
    throw new AppError({
      code: "invalid_input",
      message: `farrington takes at most ${MAX_FARRINGTON_POINTS} periods per request (got ${points}); send or select the most recent ${MAX_FARRINGTON_POINTS}, or use ears_c3 or shesd.`,
    });
  }
  if (requested === "auto") {
    return { method: "ears_c3", note: `auto: ${points} periods is more than farrington's ${MAX_FARRINGTON_POINTS} per request; used ears_c3.` };
  }
  return { method: requested, note: null };
}
