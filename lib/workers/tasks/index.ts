// The analytics worker's tasks by name. Pure code only (lib/analytics, schemas): no env, no Redis, no
// clock, so a task gives the same answer in the worker as in process. Inputs and outputs are plain data.
import { AnomalyInputError, detectAnomalies } from "@/lib/analytics/anomalies";
import { InvalidTableError } from "@/lib/analytics/disproportionality";
import { ForecastInputError, forecastSeries } from "@/lib/analytics/forecast";
import { TaskInputError } from "../task-input-error";
import { disproportionalityTask } from "./disproportionality";
import { mgpsPriorTask } from "./mgps-prior";
import { renderReportPdfTask } from "./render-report-pdf";

export const ANALYTICS_TASKS = {
  disproportionality: disproportionalityTask,
  anomalies: detectAnomalies,
  forecast: forecastSeries,
  mgpsPrior: mgpsPriorTask,
  renderReportPdf: renderReportPdfTask,
};

export type AnalyticsTasks = typeof ANALYTICS_TASKS;
export type AnalyticsTaskName = keyof AnalyticsTasks;

/** Errors that mean the caller's input was bad: they become a 400, everything else a 500. */
export const ANALYTICS_INPUT_ERRORS = [TaskInputError, AnomalyInputError, ForecastInputError, InvalidTableError] as const;
