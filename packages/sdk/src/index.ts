export {
  createControlClient,
  type ControlClient,
  type ControlClientOptions,
} from './control-client.js';
