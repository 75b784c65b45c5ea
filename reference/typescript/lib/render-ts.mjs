// Renders a JSON value as a TypeScript object literal, one property per line, with comment
// lines placed just above chosen properties. `// @ts-expect-error` applies to the next line
// only, so it must sit right above the property TypeScript reports.

/**
 * @param value a parsed JSON value
 * @param commentsAt a Map from a JSON pointer (of a property) to the comment lines above it
 * @returns the literal's text, indented by `indent` after its first line
 */
export function renderLiteral(value, commentsAt = new Map(), indent = "") {
  const used = new Set();
  const text = render(value, "", indent, commentsAt, used);
  const unused = [...commentsAt.keys()].filter((p) => !used.has(p));
  if (unused.length > 0) throw new Error(`no property at ${unused.join(", ")} to comment on`);
  return text;
}

function render(value, pointer, indent, commentsAt, used) {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = indent + "  ";
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (entries.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const lines = entries.map(([key, v]) => {
    const childPointer = `${pointer}/${escapePointer(key)}`;
    const comments = (commentsAt.get(childPointer) ?? []).map((c) => `${inner}// ${c}\n`).join("");
    if (commentsAt.has(childPointer)) used.add(childPointer);
    const label = Array.isArray(value) ? "" : `${JSON.stringify(key)}: `;
    return `${comments}${inner}${label}${render(v, childPointer, inner, commentsAt, used)}`;
  });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${lines.join(",\n")},\n${indent}${close}`;
}

function escapePointer(key) {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
