import type { SourceContext } from "@/lib/pipeline/ask";
import type { PipelineAnswer } from "@/lib/pipeline/answer";
import type { CasesQuery, ReactionsQuery, SignalsQuery, SummaryQuery, TrendQuery } from "@/lib/schemas/faers-query";
import type { CasesResponse, ReactionsResponse, SummaryResponse, TrendResponse } from "@/lib/schemas/faers-response";
import type { SignalsResponse } from "@/lib/schemas/signals-response";

import type { DataSourceKind } from "@/lib/env";
export type { DataSourceKind };

/**
 * Where product answers come from: live openFDA or imported FAERS quarterly files. Both answer the
 * same five questions in the same shape (the stored JSON, parsed only on demand). The choice is made
 * once, in lib/pipeline/deps.ts; nothing above the pipeline names a source.
 */
export interface ProductSource {
  readonly kind: DataSourceKind;
  trend(query: TrendQuery, ctx: SourceContext): Promise<PipelineAnswer<TrendResponse>>;
  reactions(query: ReactionsQuery, ctx: SourceContext): Promise<PipelineAnswer<ReactionsResponse>>;
  summary(query: SummaryQuery, ctx: SourceContext): Promise<PipelineAnswer<SummaryResponse>>;
  cases(query: CasesQuery, ctx: SourceContext): Promise<PipelineAnswer<CasesResponse>>;
  signals(query: SignalsQuery, ctx: SourceContext): Promise<PipelineAnswer<SignalsResponse>>;
}
