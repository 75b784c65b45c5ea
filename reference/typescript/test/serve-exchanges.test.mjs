// Another language's test against `apiconnector serve`: plain fetch creates, gets, lists and
// deletes a connector, each exchange is recorded as .http files, and `apiconnector validate`
// must find every one valid. Set APICONNECTOR_BIN to use a built binary instead of `go build`.
//
//   node --test reference/typescript/test/

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { buildApiconnector, startServe, validateExchange } from "../lib/apiconnector.mjs";
import { Recorder } from "../lib/recorder.mjs";

// The documented seed: Example 1 of identityApiConnector-create.
const documentedCreate = {
  displayName: "Test API",
  targetUrl: "https://someapi.com/api",
  authenticationConfiguration: {
    "@odata.type": "#microsoft.graph.basicAuthentication",
    username: "<USERNAME>",
    password: "<PASSWORD>",
  },
};

describe("apiconnector serve, driven by fetch", () => {
  let work, bin, serve, recorder, connectors, id;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), "apiconnector-serve-"));
    bin = process.env.APICONNECTOR_BIN || (await buildApiconnector(work));
    serve = await startServe(bin);
    recorder = new Recorder(work);
    connectors = `${serve.v1}/identity/apiConnectors`;
  });

  after(async () => {
    // Only when a test failed before the SIGTERM test: do not leave serve running.
    if (serve && serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill("SIGKILL");
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("creates the documented connector; the password comes back masked", async () => {
    const { status, json } = await recorder.send("create", "POST", connectors, documentedCreate);
    assert.equal(status, 201);
    assert.equal(json.displayName, "Test API");
    assert.equal(json.targetUrl, "https://someapi.com/api");
    assert.deepEqual(json.authenticationConfiguration, {
      "@odata.type": "#microsoft.graph.basicAuthentication",
      username: "<USERNAME>",
      password: "******",
    });
    id = json.id;
    assert.ok(id, "the created connector has an id");
  });

  it("gets it", async () => {
    const { status, json } = await recorder.send("get", "GET", `${connectors}/${encodeURIComponent(id)}`);
    assert.equal(status, 200);
    assert.equal(json.id, id);
    assert.equal(json.authenticationConfiguration.password, "******");
  });

  it("lists it", async () => {
    const { status, json } = await recorder.send("list", "GET", connectors);
    assert.equal(status, 200);
    assert.deepEqual(json.value.map((c) => c.id), [id]);
  });

  it("deletes it", async () => {
    const { status, json } = await recorder.send("delete", "DELETE", `${connectors}/${encodeURIComponent(id)}`);
    assert.equal(status, 204);
    assert.equal(json, undefined);
  });

  it("answers a get of the deleted connector with 404 and the Graph error envelope", async () => {
    const { status, json } = await recorder.send("get-deleted", "GET", `${connectors}/${encodeURIComponent(id)}`);
    assert.equal(status, 404);
    assert.equal(typeof json.error.code, "string");
    assert.equal(typeof json.error.message, "string");
  });

  it("recorded exchanges all validate against the contract", async () => {
    assert.equal(recorder.exchanges.length, 5);
    for (const ex of recorder.exchanges) {
      const { exitCode, report } = await validateExchange(bin, ex.requestFile, ex.responseFile);
      const detail = `${ex.name}: ${JSON.stringify(report)}`;
      assert.equal(report.request.valid, true, detail);
      assert.equal(report.response?.valid, true, detail);
      assert.equal(exitCode, 0, detail);
    }
  });

  it("stops on SIGTERM with exit code 0", async () => {
    serve.child.kill("SIGTERM");
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("serve still running 10 s after SIGTERM")), 10000).unref());
    const { code, signal } = await Promise.race([serve.exited, timeout]);
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, serve.stderr());
  });
});
