// The pipeline's public face: one function per question, over the one product source chosen from env.
export { getCases, getReactions, getSignals, getSummary, getTrend } from "@/lib/pipeline/questions";
export { getForecast } from "@/lib/pipeline/get-forecast";
export { getAnomalies } from "@/lib/pipeline/get-anomalies";
export { getDataSourceKind, getPipelineDeps, type PipelineDeps } from "@/lib/pipeline/deps";
export { askOfUser, type Ask, type Caller } from "@/lib/pipeline/ask";
export type { PipelineAnswer } from "@/lib/pipeline/answer";
