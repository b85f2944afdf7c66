// A throwaway PostgreSQL 15 for the end-to-end tests on the department's
// server (scripts/pg-test-server.sh): a Unix socket for the command line,
// which sets the database up as its owner, and localhost for the windows,
// as a PC would reach it over the network, with SCRAM passwords.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const script = path.join(here, "../../scripts/pg-test-server.sh");
const pgBin = "/usr/lib/postgresql/15/bin";
export const DATABASE = "coding";
export const OWNER = { login: "coding_dba", password: "the owners long passphrase" };

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a PostgreSQL tool as the server's own user (root may not run it). */
function asServer(tool, args) {
  const run = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", path.join(pgBin, tool), ...args]] : [path.join(pgBin, tool), args];
  return execFileSync(run[0], run[1], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A throwaway server with the department's database set up and seeded through appraise-cli as its owner. */
export class TestServer {
  async start() {
    this.dir = mkdtempSync(path.join(tmpdir(), "appraise-e2e-pg-"));
    rmSync(this.dir, { recursive: true });
    this.port = await freePort();
    execFileSync("bash", [script, "start", this.dir, "--tcp", String(this.port)], { stdio: ["ignore", "pipe", "inherit"] });
    this.psql(`CREATE ROLE ${OWNER.login} LOGIN CREATEROLE PASSWORD '${OWNER.password}'`);
    this.psql(`CREATE DATABASE ${DATABASE} OWNER ${OWNER.login} ENCODING 'UTF8' TEMPLATE template0`);
    // The owner's address for the command line, over the socket.
    this.ownerUrl = `postgres://${OWNER.login}:${encodeURIComponent(OWNER.password)}@/${DATABASE}?host=${encodeURIComponent(this.dir)}&port=${this.port}`;
    return this;
  }

  psql(sql) {
    execFileSync(path.join(pgBin, "psql"), ["-v", "ON_ERROR_STOP=1", "-q", `host=${this.dir} port=${this.port} user=postgres dbname=postgres`, "-c", sql], {
      stdio: ["ignore", "pipe", "inherit"],
    });
  }

  /** The server goes away (as a restart or a network fault would make it). */
  stopServer() {
    asServer("pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "fast", "-w", "-s", "stop"]);
  }

  /** And comes back, on the same socket and port. */
  restartServer() {
    asServer("pg_ctl", [
      "-D", path.join(this.dir, "data"), "-l", path.join(this.dir, "server.log"), "-w", "-s",
      "-o", `-c listen_addresses='127.0.0.1' -p ${this.port} -c unix_socket_directories='${this.dir}' -c fsync=off`,
      "start",
    ]);
  }

  stop() {
    if (this.dir) execFileSync("bash", [script, "stop", this.dir], { stdio: "ignore" });
  }
}

