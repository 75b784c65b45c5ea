#!/usr/bin/env node
// Writes schema.d.ts from openapi/openapi.yaml with openapi-typescript, keeping one rule its
// output would drop: a schema that forbids, with `not`, a body holding none of its properties
// but a few (the update's "at least one property besides @odata.type") gets a type that
// requires at least one of the others, so `{}` does not compile.
//
//   node reference/typescript/scripts/gen-schema.mjs

import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import openapiTS, { astToString, transformSchemaObjectWithComposition, tsIntersection, tsUnion } from "openapi-typescript";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const spec = join(here, "../../../openapi/openapi.yaml");
const outFile = join(here, "../schema.d.ts");

/**
 * The properties of which a body must hold at least one: those of `schema` that its `not`
 * (a closed object listing only the others) leaves out. Undefined for any other schema.
 */
export function atLeastOneOf(schema) {
  const not = schema?.not;
  if (!schema?.properties || !not || not.additionalProperties !== false || not.required || not.anyOf || not.oneOf) return undefined;
  const allowedAlone = Object.keys(not.properties ?? {});
  const others = Object.keys(schema.properties).filter((name) => !allowedAlone.includes(name));
  return others.length > 0 ? others : undefined;
}

const ast = await openapiTS(pathToFileURL(spec), {
  transform(schema, options) {
    const names = atLeastOneOf(schema);
    if (!names) return undefined;
    // The type openapi-typescript makes of the schema without its `not`, which it ignores.
    const { not: _, ...rest } = schema;
    const type = transformSchemaObjectWithComposition(rest, options);
    const branches = names.map((name) =>
      ts.factory.createTypeLiteralNode([
        ts.factory.createPropertySignature(undefined, ts.factory.createStringLiteral(name), undefined, ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)),
      ]),
    );
    return tsIntersection([type, tsUnion(branches)]);
  },
});
writeFileSync(outFile, astToString(ast));
