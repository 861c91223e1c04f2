#!/usr/bin/env node
// GitHub code scanning's schema gate, reproduced: the upload step validates a SARIF file with the
// npm package jsonschema (1.5.0) against the SARIF 2.1.0 schema and ignores only errors about the
// "uri" / "uri-reference" formats. A leading BOM fails JSON.parse, as it fails the upload.
//
// Usage: node gh-schema-check.js [--strict] FILE.sarif...
//   --strict  also fail on the uri-format errors GitHub lets through (our own output has none).
// Exit code: 0 when every file passes, 1 otherwise; each problem is printed as FILE: message.
"use strict";

const fs = require("fs");
const path = require("path");
const { Validator } = require("jsonschema");

const schemaPath = path.join(__dirname, "node_modules", "@microsoft", "sarif-multitool-linux", "sarif-2.1.0.json");
const ignoredFormats = new Set(["uri", "uri-reference"]);

function check(file, schema, strict) {
  const problems = [];
  const text = fs.readFileSync(file, "utf8");
  let sarif;
  try {
    sarif = JSON.parse(text);
  } catch (e) {
    return [`not valid JSON${text.charCodeAt(0) === 0xfeff ? " (it starts with a byte order mark)" : ""}: ${e.message}`];
  }

  const result = new Validator().validate(sarif, schema);
  for (const error of result.errors) {
    const isUriFormat = error.name === "format" && ignoredFormats.has(error.argument);
    if (isUriFormat && !strict) {
      console.log(`${file}: ignored as GitHub does: ${error.property} ${error.message}`);
      continue;
    }
    problems.push(`${error.property} ${error.message}`);
  }
  return problems;
}

function main(argv) {
  const strict = argv.includes("--strict");
  const files = argv.filter((a) => a !== "--strict");
  if (files.length === 0) {
    console.error("usage: node gh-schema-check.js [--strict] FILE.sarif...");
    return 2;
  }
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  let failed = 0;
  for (const file of files) {
    const problems = check(file, schema, strict);
    for (const problem of problems) {
      console.log(`${file}: ${problem}`);
    }
    console.log(`${file}: GitHub schema gate ${problems.length === 0 ? "passed" : `FAILED (${problems.length} error(s))`}`);
    failed += problems.length === 0 ? 0 : 1;
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
