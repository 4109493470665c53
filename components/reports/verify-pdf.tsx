"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { InlineMessage } from "@/components/ui/inline-message";
import { useVerifyPdfMutation } from "@/lib/client/report-queries";

/** Upload a PDF to learn which stored report it is (POST /api/reports/verify, by SHA-256). */
export function VerifyPdf() {
  const verify = useVerifyPdfMutation();
  const [file, setFile] = useState<File | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) verify.mutate(file);
  }

  return (
    <form onSubmit={submit} className="space-y-2 rounded border border-slate-200 bg-white p-4" aria-label="Verify a PDF">
      <h2 className="text-lg font-semibold">Verify a PDF</h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="PDF file" size="sm">
          {(control) => <input {...control} type="file" accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <Button type="submit" disabled={!file || verify.isPending}>
          Verify
        </Button>
      </div>
      {verify.isError ? <InlineMessage kind="error">{verify.error.message}</InlineMessage> : null}
      {verify.data ? (
        verify.data.match ? (
          <InlineMessage kind="done" testId="verify-result">
            This is report {verify.data.report.id} ({verify.data.report.title}), data as of {verify.data.report.dataDate}; PDF SHA-256 {verify.data.sha256}.
          </InlineMessage>
        ) : (
          <InlineMessage kind="error" testId="verify-result">
            {verify.data.message} (SHA-256 {verify.data.sha256})
          </InlineMessage>
        )
      ) : null}
    </form>
  );
}
