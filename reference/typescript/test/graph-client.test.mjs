// Microsoft's JavaScript Graph client (@microsoft/microsoft-graph-client, pinned in
// package-lock.json) against `apiconnector serve`: it creates, reads, lists, updates,
// uploads certificates to, binds, unbinds and deletes connectors over both versions, with
// the request builders an application would use. Every exchange is recorded and must
// validate against the contract, with the bearer token on every request.
//
//   node --test reference/typescript/test/

import assert from "node:assert/strict";
import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { Client, HTTPMessageHandler, ResponseType } from "@microsoft/microsoft-graph-client";

import { buildApiconnector, buildMkpfx, makePFX, startServe, validateExchange } from "../lib/apiconnector.mjs";
import { BearerToken, Recording } from "../lib/graph-client-middleware.mjs";

const token = "graph-client-test-token";
const pfxPassword = "graph-client pfx password";
// A flow whose beta-only preTokenIssuance step is bound: no operation binds that step (the
// CSDL gives it no $ref), so the seed does.
const seed = {
  connectors: [
    {
      id: "pre-token",
      displayName: "Pre-token API",
      targetUrl: "https://someapi.com/pretoken",
      authenticationConfiguration: { "@odata.type": "#microsoft.graph.basicAuthentication", username: "u" },
    },
  ],
  userFlows: [
    { kind: "b2x", id: "B2X_1_partner" },
    { kind: "b2c", id: "B2C_1_signup" },
    { kind: "b2x", id: "B2X_1_pretoken", apiConnectorConfiguration: { preTokenIssuance: "pre-token" } },
  ],
};
const preTokenConfig = "/identity/b2xUserFlows/B2X_1_pretoken/apiConnectorConfiguration";

const basicCreate = (name) => ({
  displayName: name,
  targetUrl: "https://someapi.com/api",
  authenticationConfiguration: {
    "@odata.type": "#microsoft.graph.basicAuthentication",
    username: "<USERNAME>",
    password: "<PASSWORD>",
  },
});

describe("Microsoft's JavaScript Graph client against apiconnector serve", () => {
  let work, bin, serve, recording, graph, root, pfx, bare;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), "apiconnector-graph-client-"));
    const seedFile = join(work, "seed.json");
    await writeFile(seedFile, JSON.stringify(seed));
    let mkpfx;
    [bin, mkpfx] = await Promise.all([process.env.APICONNECTOR_BIN || buildApiconnector(work), buildMkpfx(work)]);
    [pfx, bare] = await Promise.all([makePFX(mkpfx, pfxPassword), makePFX(mkpfx, "")]);
    serve = await startServe(bin, { args: ["--seed", seedFile] });
    root = serve.v1.replace(/\/v1\.0$/, "");
    recording = new Recording(work);
    graph = Client.initWithMiddleware({
      baseUrl: root,
      defaultVersion: "v1.0",
      middleware: chain(new BearerToken(token), recording, new HTTPMessageHandler()),
    });
  });

  after(async () => {
    if (serve && serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill("SIGTERM");
    if (work) await rm(work, { recursive: true, force: true });
  });

  for (const version of ["v1.0", "beta"]) {
    describe(version, () => {
      let basicId, certId;
      const api = (path) => graph.api(path).version(version);
      const connectorURL = (id) => `${root}/${version}/identity/apiConnectors/${id}`;

      it("creates with basic authentication and with a PKCS 12 certificate", async () => {
        const basic = await api("/identity/apiConnectors").post(basicCreate(`Test API ${version}`));
        assert.equal(basic.authenticationConfiguration.password, "******");
        basicId = basic.id;
        const cert = await api("/identity/apiConnectors").post({
          displayName: `Cert API ${version}`,
          targetUrl: "https://someapi.com/cert",
          authenticationConfiguration: {
            "@odata.type": "#microsoft.graph.pkcs12Certificate",
            pkcs12Value: pfx.pkcs12Value,
            password: pfxPassword,
          },
        });
        assert.equal(cert.authenticationConfiguration["@odata.type"], "#microsoft.graph.clientCertificateAuthentication");
        assert.equal(cert.authenticationConfiguration.certificateList[0].thumbprint, pfx.thumbprint);
        certId = cert.id;
      });

      it("gets, with $select and $expand", async () => {
        const got = await api(`/identity/apiConnectors/${basicId}`).get();
        assert.equal(got.displayName, `Test API ${version}`);
        const selected = await api(`/identity/apiConnectors/${basicId}`).select(["displayName"]).expand("*").get();
        assert.deepEqual(Object.keys(selected).filter((k) => !k.startsWith("@")).sort(), ["displayName", "id"]);
      });

      it("lists with $top, $filter and $select, and counts", async () => {
        const page = await api("/identity/apiConnectors")
          .top(1)
          .filter(`startswith(displayName,'Test API ${version}')`)
          .select(["id", "displayName"])
          .get();
        assert.deepEqual(page.value.map((c) => c.id), [basicId]);
        assert.equal(page.value[0].targetUrl, undefined);
        const count = await api("/identity/apiConnectors/$count").filter(`startswith(displayName,'Cert API ${version}')`).responseType(ResponseType.TEXT).get();
        assert.equal(count, "1");
      });

      it("updates", async () => {
        await api(`/identity/apiConnectors/${basicId}`).patch({ displayName: `Renamed ${version}` });
        assert.equal((await api(`/identity/apiConnectors/${basicId}`).get()).displayName, `Renamed ${version}`);
      });

      it("uploads certificates with a password and with an empty one, bare and qualified", async () => {
        const once = await api(`/identity/apiConnectors/${certId}/uploadClientCertificate`).post({ pkcs12Value: bare.pkcs12Value, password: "" });
        assert.equal(once.authenticationConfiguration.certificateList.length, 2);
        const twice = await api(`/identity/apiConnectors/${basicId}/microsoft.graph.uploadClientCertificate`).post({
          pkcs12Value: pfx.pkcs12Value,
          password: pfxPassword,
        });
        assert.equal(twice.authenticationConfiguration.certificateList[0].thumbprint, pfx.thumbprint);
      });

      const flows = version === "beta" ? ["b2xUserFlows/B2X_1_partner", "b2cUserFlows/B2C_1_signup"] : ["b2xUserFlows/B2X_1_partner"];
      for (const flow of flows) {
        it(`binds and unbinds the steps of identity/${flow}`, async () => {
          const config = `/identity/${flow}/apiConnectorConfiguration`;
          await api(`${config}/postAttributeCollection/$ref`).put({ "@odata.id": connectorURL(certId) });
          await api(`${config}/postFederationSignup/$ref`).put({ "@odata.id": connectorURL(basicId) });

          const expanded = await api(config).expand(["postAttributeCollection", "postFederationSignup"]).get();
          assert.equal(expanded.postAttributeCollection.id, certId);
          assert.equal(expanded.postFederationSignup.id, basicId);
          const step = await api(`${config}/postAttributeCollection`).get();
          assert.equal(step.id, certId);
          const ref = await api(`${config}/postAttributeCollection/$ref`).get();
          assert.equal(ref["@odata.id"], connectorURL(certId));
          const uploaded = await api(`${config}/postAttributeCollection/microsoft.graph.uploadClientCertificate`).post({
            pkcs12Value: bare.pkcs12Value,
            password: "",
          });
          assert.equal(uploaded.id, certId);

          await api(`${config}/postAttributeCollection/$ref`).delete();
          await api(`${config}/postFederationSignup/$ref`).put({});
          const unbound = await api(config).expand("*").get();
          assert.equal(unbound.postAttributeCollection, undefined);
          assert.equal(unbound.postFederationSignup, undefined);
        });
      }

      if (version === "beta") {
        it("reads and uploads to beta's preTokenIssuance step, and expands it", async () => {
          const expanded = await api(preTokenConfig).expand("preTokenIssuance").get();
          assert.equal(expanded.preTokenIssuance.id, "pre-token");
          assert.equal((await api(`${preTokenConfig}/preTokenIssuance`).select(["id", "targetUrl"]).get()).targetUrl, "https://someapi.com/pretoken");
          const uploaded = await api(`${preTokenConfig}/preTokenIssuance/microsoft.graph.uploadClientCertificate`).post({
            pkcs12Value: pfx.pkcs12Value,
            password: pfxPassword,
          });
          assert.equal(uploaded.authenticationConfiguration.certificateList[0].thumbprint, pfx.thumbprint);
        });
      } else {
        it("is refused preTokenIssuance, which v1.0 does not have", async () => {
          recording.nextTag = "refused";
          await assert.rejects(api(preTokenConfig).expand("preTokenIssuance").get(), (err) => {
            assert.equal(err.statusCode, 400);
            return true;
          });
        });
      }

      it("deletes, and a deleted connector is a 404 with Graph's error", async () => {
        await api(`/identity/apiConnectors/${basicId}`).delete();
        await api(`/identity/apiConnectors/${certId}`).delete();
        await assert.rejects(api(`/identity/apiConnectors/${basicId}`).get(), (err) => {
          assert.equal(err.statusCode, 404);
          assert.equal(typeof err.code, "string");
          return true;
        });
      });
    });
  }

  it("sent the bearer token on every request, and every exchange validates", async () => {
    assert.ok(recording.exchanges.length >= 30, `only ${recording.exchanges.length} exchanges were recorded`);
    assert.equal(recording.exchanges.filter((ex) => ex.tag === "refused").length, 1, "the refused request was recorded");
    const verdicts = await Promise.all(
      recording.exchanges.map(async (ex) => ({ ex, ...(await validateExchange(bin, ex.requestFile, ex.responseFile)) })),
    );
    for (const { ex, exitCode, report } of verdicts) {
      const request = await readFile(ex.requestFile, "utf8");
      assert.match(request, new RegExp(`^authorization: Bearer ${token}$`, "mi"), `${ex.name} carries the token`);
      const detail = `${ex.name}: ${request.split("\n")[0]}: ${JSON.stringify(report)}`;
      if (ex.tag === "refused") {
        // The request the contract refuses is reported, at the option that broke it.
        assert.equal(report.request.valid, false, detail);
        assert.ok(report.request.violations.some((v) => v.pointer === "/query/$expand" && v.kind === "parameter"), detail);
        assert.equal(exitCode, 1, detail);
        continue;
      }
      assert.equal(report.request.valid, true, detail);
      assert.equal(report.response?.valid, true, detail);
      assert.equal(exitCode, 0, detail);
    }
  });
});

/** Links middleware in order, as Client.initWithMiddleware expects the first of a chain. */
function chain(...middleware) {
  for (let i = 0; i + 1 < middleware.length; i++) middleware[i].setNext(middleware[i + 1]);
  return middleware[0];
}
