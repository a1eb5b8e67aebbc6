#!/usr/bin/env node
import { main } from './commands/main.js';

// Exit explicitly: `run` has stopped everything by now, and a one-shot command must not linger on
// a keep-alive socket.
process.exit(await main(process.argv.slice(2)));
