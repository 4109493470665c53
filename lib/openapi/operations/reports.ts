import { z } from "zod";
import {
  reportAcceptedResponseSchema,
  reportChangesResponseSchema,
  reportListResponseSchema,
  reportRemovedResponseSchema,
  reportViewSchema,
  verifyReportResponseSchema,
} from "@/lib/schemas/api-responses";
import { reportRequestSchema } from "@/lib/schemas/reports";
import { taskRecordSchema } from "@/lib/jobs/task-record";
import { json, type OperationSpec } from "@/lib/openapi/operation-spec";

const TAG = "CER reports";
const OWNER = "Only its owner and admins see a report; anyone else gets 404, as for one that does not exist.";
const reportId = z.object({ id: z.string().regex(/^rep_[A-Za-z0-9_-]{8,64}$/).describe("A report id (rep_…).") });

export const REPORT_OPERATIONS: OperationSpec[] = [
  {
    route: "GET /api/reports",
    tag: TAG,
    summary: "Your CER reports, newest first (admins: everyone's)",
    responses: { 200: { description: "The reports with their task state.", body: json(reportListResponseSchema) } },
  },
  {
    route: "POST /api/reports",
    tag: TAG,
    summary: "Request a CER: the report is built in the background",
    description: "Answers 202 at once; poll the task (the `location` header) until it has succeeded, then download the PDF.",
    body: json(reportRequestSchema, {
      product: { drug: "LETAIRIS" },
      from: "2008-01-01",
      to: "2014-12-31",
      title: "Letairis CER 2014",
      evaluator: { name: "A. Analyst", qualifications: "PharmD" },
    }),
    responses: {
      202: {
        description: "Accepted: the report and the task building it.",
        headers: { location: { description: "The task to poll: /api/tasks/{taskId}.", schema: { type: "string" } } },
        body: json(reportAcceptedResponseSchema, { reportId: "rep_3kq9x0aaV1bc", taskId: "tsk_8Hn2mcQw01zz" }),
      },
    },
    errors: ["conflict", "service_unavailable"],
  },
  {
    route: "GET /api/reports/[id]",
    tag: TAG,
    summary: "A report's record: parameters, data window, snapshot and PDF hashes",
    description: OWNER,
    params: reportId,
    responses: { 200: { description: "The report.", body: json(reportViewSchema) } },
  },
  {
    route: "DELETE /api/reports/[id]",
    tag: TAG,
    summary: "Cancel a report being built, or delete a finished one",
    description: OWNER,
    params: reportId,
    responses: { 200: { description: "What was done.", body: json(reportRemovedResponseSchema) } },
    errors: ["conflict"],
  },
  {
    route: "GET /api/reports/[id]/pdf",
    tag: TAG,
    summary: "Download the CER as a PDF",
    description: `${OWNER} The ETag is the PDF's SHA-256: send it as If-None-Match to get 304.`,
    params: reportId,
    responses: {
      200: {
        description: "The PDF, as an attachment.",
        headers: {
          etag: { description: 'The quoted SHA-256 of the PDF.', schema: { type: "string" } },
          "x-pdf-sha256": { description: "The SHA-256 of the PDF, unquoted.", schema: { type: "string" } },
        },
        body: { contentType: "application/pdf", schema: { type: "string", contentMediaType: "application/pdf" } },
      },
      304: { description: "Not modified: the If-None-Match ETag matches." },
    },
    errors: ["conflict"],
  },
  {
    route: "GET /api/reports/[id]/changes",
    tag: TAG,
    summary: "What changed since the report it was compared with",
    description: OWNER,
    params: reportId,
    responses: { 200: { description: "The changes, or null with a message when there is nothing to compare.", body: json(reportChangesResponseSchema) } },
  },
  {
    route: "POST /api/reports/verify",
    tag: TAG,
    summary: "Which stored report a PDF is, by its SHA-256",
    description: "Send the PDF itself as the body (`application/pdf`, at most 25 MB).",
    body: { contentType: "application/pdf", schema: { type: "string", contentMediaType: "application/pdf" } },
    responses: { 200: { description: "A match (among reports you may see) or none.", body: json(verifyReportResponseSchema) } },
    errors: ["payload_too_large", "unsupported_media_type"],
  },
  {
    route: "GET /api/tasks/[id]",
    tag: TAG,
    summary: "A background task's status and progress",
    description: "Only its owner and admins see a task; anyone else gets 404.",
    params: z.object({ id: z.string().describe("A task id (tsk_…), from POST /api/reports.") }),
    responses: {
      200: {
        description: "The task.",
        body: json(taskRecordSchema, {
          id: "tsk_8Hn2mcQw01zz",
          job: "report.generate",
          owner: "usr_Ab12Cd34Ef56",
          status: "running",
          progress: 40,
          step: "collect-data",
          attempts: 1,
          reportId: "rep_3kq9x0aaV1bc",
          createdAt: "2026-12-04T10:00:00.000Z",
          updatedAt: "2026-12-04T10:00:05.000Z",
        }),
      },
    },
  },
];
