// Where this window's data lives (a file on this computer or the
// department's server), and whether the server is answering: the banner
// shows while it is not. ipc.ts reports every command's outcome here.

import type { ConnectionStatus, ServerPlace } from "./bindings";
import { retryEverywhere } from "./autosave";
import { api, setConnectionHandler } from "./ipc";

class Connection {
  status: ConnectionStatus | null = $state(null);
  /** The last command found the server gone (or got no answer in time). */
  offline = $state(false);

  /** The department's server, when the data lives there. */
  get server(): ServerPlace | null {
    const choice = this.status?.choice;
    return choice?.location === "server" ? choice : null;
  }

  async load(): Promise<ConnectionStatus> {
    this.status = await api.connectionStatus();
    return this.status;
  }

  /** Starts listening to commands' outcomes; returns the function that stops it. */
  watch(): () => void {
    setConnectionHandler((connected) => {
      // Only the server's connection comes and goes.
      const wasOffline = this.offline;
      this.offline = !connected && this.server !== null;
      // Back: what could not be saved meanwhile is saved now, in order.
      if (wasOffline && !this.offline) void retryEverywhere();
    });
    return () => setConnectionHandler(null);
  }
}

export const connection = new Connection();
