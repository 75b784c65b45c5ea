#!/usr/bin/env node
// Prints the text a reader sees in an HTML file (such as Chromium's --dump-dom): the text
// outside <script>, <style>, <svg>, <template> and <noscript>, entities decoded, whitespace
// collapsed. Checks on rendered docs grep this rather than the HTML, because the page also
// embeds the whole spec in a script, where every string is present whether it renders or not.
//
//   node scripts/visible-text.mjs dom.html

import { readFileSync } from "node:fs";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: visible-text.mjs FILE.html");
  process.exit(2);
}

const entities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const text = readFileSync(file, "utf8")
  .replace(/<(script|style|svg|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, " ")
  .replace(/<!--[\s\S]*?-->/g, " ")
  .replace(/<[^>]*>/g, " ")
  .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return entities[name.toLowerCase()] ?? whole;
  })
  .replace(/[\s\u200b]+/g, " ")
  .trim();
process.stdout.write(`${text}\n`);
