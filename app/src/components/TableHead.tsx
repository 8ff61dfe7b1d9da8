/** A table's header row: plain labels, `{ num }` for right-aligned number columns, "" for a blank (button) column. */
export type Column = string | { num: string };

export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === "string" ? (
            <th key={i}>{c}</th>
          ) : (
            <th key={i} className="num">
              {c.num}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
