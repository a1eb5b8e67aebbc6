export const commandHelp = {
  main: `Usage: cachefleet-agent <command> [options]

The cachefleet host agent: supervises redis-server and reports to the cachefleet console.

Commands:
  join       Enroll this host with a one-time token and write the agent config
  run        Run the agent: supervise Redis, serve /healthz /readyz /metrics, send heartbeats
  status     Check the config, the console, the running agent and Redis
  upgrade    Install the console's current agent version (rolls back if it fails)
  uninstall  Leave the console, stop the service and remove this installation

Options:
  -h, --help     Show help (also: cachefleet-agent <command> --help)
  -v, --version  Print the agent version

Environment:
  CACHEFLEET_AGENT_CONFIG      Default config path (instead of /etc/cachefleet/agent.json for
                               root, $XDG_CONFIG_HOME or ~/.config/cachefleet/agent.json otherwise)
  CACHEFLEET_ENROLLMENT_TOKEN  Token for join when --token is not given (keeps it out of ps)
  REDIS_SERVER_BIN             redis-server binary to run (default: redis-server on PATH)
  CACHEFLEET_LOG_LEVEL         debug | info | warn | error (default: info)
  CACHEFLEET_AGENT_HOME        Install prefix (set by the launcher install.sh writes)
`,
  join: `Usage: cachefleet-agent join --url <console url> --token <token> [options]

Exchanges a one-time enrollment token for this agent's credential and writes the config file
(mode 0600). The token is consumed even if you later discard the config.

Options:
  --url <url>                 Console URL, e.g. https://cachefleet.example.com (required)
  --token <token>             Enrollment token from the console (or CACHEFLEET_ENROLLMENT_TOKEN)
  --config <path>             Config file to write (default: see cachefleet-agent --help)
  --name <name>               Agent name shown in the console (default: this hostname)
  --data-dir <dir>            Redis data, logs and state (default: "data" beside the config)
  --advertise <host>          Address others use to reach this host (default: 127.0.0.1 for a
                              loopback console, else the first external IPv4 address)
  --listen <host>             Address the agent's HTTP server binds (default: the advertise host)
  --agent-port <port>         Agent HTTP port; 0 picks a free port on each start (default: 0)
  --redis-port <port>         Redis port; 0 picks a free port on each start (default: 0)
  --maxmemory <size>          Redis maxmemory, e.g. 256mb or 2gb (default: 256mb)
  --maxmemory-policy <name>   Redis eviction policy (default: allkeys-lru)
  --force                     Replace an existing config (re-join)
  -h, --help                  Show this help
`,
  run: `Usage: cachefleet-agent run [--config <path>]

Runs redis-server under supervision (restart with backoff), serves /healthz, /readyz and /metrics,
and sends heartbeats to the console. SIGTERM or SIGINT stops Redis and exits 0.

Options:
  --config <path>   Agent config (default: see cachefleet-agent --help)
  -h, --help        Show this help
`,
  status: `Usage: cachefleet-agent status [--config <path>] [--json]

Reports whether this host is joined, the console is reachable, the agent is running and ready,
and Redis answers. Exits 0 when all are healthy, 1 otherwise.

Options:
  --config <path>   Agent config (default: see cachefleet-agent --help)
  --json            Print the report as JSON
  -h, --help        Show this help
`,
  upgrade: `Usage: cachefleet-agent upgrade [--to <version>] [--force] [--config <path>]

Downloads the agent version the console serves (with this agent's credential), verifies its
SHA-256, unpacks it beside the current one, switches to it atomically and restarts the service.
If the new version is not healthy within 45 s, switches back and restarts the previous one.

Options:
  --to <version>    Install this version instead of the console's current one
  --force           Reinstall even when already on that version
  --config <path>   Agent config (default: the installation's)
  -h, --help        Show this help
`,
  uninstall: `Usage: cachefleet-agent uninstall [--force] [--config <path>]

Refuses while this node still runs cluster nodes (owns slots) unless --force. Deregisters the
agent from the console, stops and removes the service, and deletes the installation, its config
and its data. With --force it also proceeds when the console cannot be reached.

Options:
  --force           Uninstall even if the node owns slots or the console is unreachable
  --config <path>   Agent config (default: the installation's)
  -h, --help        Show this help
`,
} as const;

export type HelpTopic = keyof typeof commandHelp;
