import type { ReactNode } from "react";

export type DataTableColumn<T> = {
  /** React key of the column. */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers align right, in tabular figures. */
  align?: "left" | "right";
  /** The cell that names the row: a <th scope="row">. */
  rowHeader?: boolean;
  /** Extra attributes of the column's body cells, e.g. a test id. */
  cellProps?: (row: T) => Record<`data-${string}`, string>;
  /** Extra classes of the column's body cells (not its header). */
  className?: string;
};

type Props<T> = {
  /** Every table has a caption; `captionHidden` keeps it for screen readers only. */
  caption: ReactNode;
  captionHidden?: boolean;
  columns: readonly DataTableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Record<`data-${string}`, string>;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Without a header row (e.g. a breakdown whose caption says it all); the headers stay for screen readers. */
  headersHidden?: boolean;
  density?: "normal" | "compact";
  testId?: string;
  className?: string;
};

const DENSITY = { normal: { cell: "py-2 pr-4", text: "text-sm" }, compact: { cell: "py-1 pr-3", text: "text-xs" } } as const;

/** The app's one table: a caption, typed columns, row headers, an empty state. */
export function DataTable<T>({ caption, captionHidden = true, columns, rows, rowKey, rowProps, empty, headersHidden, density = "normal", testId, className }: Props<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const { cell, text } = DENSITY[density];
  const alignClass = (column: DataTableColumn<T>) => (column.align === "right" ? `${cell} text-right tabular-nums` : cell);
  const cellClass = (column: DataTableColumn<T>) => (column.className ? `${alignClass(column)} ${column.className}` : alignClass(column));
  return (
    <table className={`w-full border-collapse text-left ${text}${className ? ` ${className}` : ""}`} data-testid={testId}>
      <caption className={captionHidden ? "sr-only" : "mb-2 text-left text-sm font-semibold"}>{caption}</caption>
      <thead className={headersHidden ? "sr-only" : undefined}>
        <tr className="border-b border-slate-200 text-slate-500">
          {columns.map((column) => (
            <th key={column.key} scope="col" className={`${alignClass(column)} font-medium`}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-b border-slate-100 align-top" {...rowProps?.(row)}>
            {columns.map((column) =>
              column.rowHeader ? (
                <th key={column.key} scope="row" className={`${cellClass(column)} font-medium`} {...column.cellProps?.(row)}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.key} className={cellClass(column)} {...column.cellProps?.(row)}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
