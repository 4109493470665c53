// The UI primitives rendered to HTML (react-dom/server): what assistive technology and the e2e selectors
// rely on — label ↔ control, descriptions, button types, table captions, row headers, the empty state.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";

const html = (node: React.ReactNode) => renderToStaticMarkup(<>{node}</>);
const attr = (markup: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(markup)?.[1];

describe("Button", () => {
  test("is type=button unless it says submit, and passes its props through", () => {
    expect(html(<Button>Cancel</Button>)).toMatch(/^<button type="button"/);
    const submit = html(
      <Button type="submit" variant="primary" size="lg" disabled aria-label="Go" data-x="1">
        Go
      </Button>,
    );
    expect(submit).toContain('type="submit"');
    expect(submit).toContain("disabled");
    expect(submit).toContain('aria-label="Go"');
    expect(submit).toContain('data-x="1"');
    expect(submit).toContain("bg-indigo-600");
    expect(submit).toContain("px-4 py-2");
  });

  test.each([
    ["primary", "bg-indigo-600"],
    ["secondary", "border-slate-300"],
    ["danger", "bg-red-600"],
    ["danger-outline", "border-red-300"],
  ] as const)("variant %s", (variant, cls) => {
    expect(html(<Button variant={variant}>x</Button>)).toContain(cls);
  });
});

describe("Field", () => {
  test("the label names the control through htmlFor/id", () => {
    const markup = html(<Field label="Token name">{(control) => <input {...control} />}</Field>);
    const id = attr(markup, "id");
    expect(id).toBeTruthy();
    expect(markup).toContain(`<label for="${id}"`);
    expect(markup).not.toContain("aria-describedby");
    expect(markup).not.toContain("aria-invalid");
  });

  test("a hint and an error describe the control, and the error marks it invalid", () => {
    const markup = html(
      <Field label="Password" hint="At least 12 characters" error="Too short">
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = /<input[^>]*>/.exec(markup)?.[0] ?? "";
    const [hintId, errorId] = (attr(input, "aria-describedby") ?? "").split(" ");
    expect(markup).toContain(`<p id="${hintId}" class="mt-1 text-xs text-slate-500">At least 12 characters</p>`);
    expect(markup).toContain(`<p id="${errorId}" class="mt-1 text-xs text-red-700">Too short</p>`);
    expect(input).toContain('aria-invalid="true"');
  });

  test("a hidden label is still there for screen readers", () => {
    const markup = html(
      <Field label="Role of ada@example.org" labelHidden size="sm">
        {(control) => (
          <select {...control}>
            <option>viewer</option>
          </select>
        )}
      </Field>,
    );
    expect(markup).toContain('class="sr-only">Role of ada@example.org</label>');
    expect(markup).toContain("px-2 py-1");
  });
});

describe("DataTable", () => {
  type Row = { id: string; name: string; count: number };
  const columns: DataTableColumn<Row>[] = [
    { key: "name", header: "Name", rowHeader: true, cell: (r) => r.name },
    { key: "count", header: "Reports", align: "right", cellProps: () => ({ "data-testid": "count" }), cell: (r) => r.count },
  ];

  test("a caption, column headers, a row header per row, right-aligned numbers and row attributes", () => {
    const markup = html(
      <DataTable caption="Terms" columns={columns} rows={[{ id: "a", name: "Nausea", count: 12 }]} rowKey={(r) => r.id} rowProps={(r) => ({ "data-id": r.id })} testId="t" />,
    );
    expect(markup).toContain('data-testid="t"');
    expect(markup).toContain('<caption class="sr-only">Terms</caption>');
    expect(markup).toMatch(/<th scope="col"[^>]*>Name<\/th>/);
    expect(markup).toMatch(/<tr [^>]*data-id="a"><th scope="row"[^>]*>Nausea<\/th><td class="[^"]*text-right tabular-nums[^"]*" data-testid="count">12<\/td><\/tr>/);
  });

  test("with no rows, the empty state replaces the table; without one, an empty body is kept", () => {
    expect(html(<DataTable caption="Terms" columns={columns} rows={[]} rowKey={(r) => r.id} empty={<p>Nothing yet.</p>} />)).toBe("<p>Nothing yet.</p>");
    expect(html(<DataTable caption="Terms" columns={columns} rows={[]} rowKey={(r) => r.id} />)).toContain("<tbody></tbody>");
  });

  test("hidden headers stay in the markup for screen readers", () => {
    expect(html(<DataTable caption="By sex" columns={columns} rows={[]} rowKey={(r) => r.id} headersHidden />)).toContain('<thead class="sr-only">');
  });
});
