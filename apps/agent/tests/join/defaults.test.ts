import { describe, expect, it } from 'vitest';
import { defaultAdvertiseHost, nameFromHostname } from '../../src/join/defaults.js';

describe('join defaults', () => {
  it('turns hostnames into valid agent names', () => {
    expect(nameFromHostname('cache-1.prod.example.com')).toBe('cache-1.prod.example.com');
    expect(nameFromHostname('My Host (2)')).toBe('My-Host-2-');
    expect(nameFromHostname('--weird')).toBe('weird');
    expect(nameFromHostname('x'.repeat(80))).toHaveLength(63);
    expect(nameFromHostname('???')).toBe('agent');
  });

  it('advertises loopback for a local console and the external IPv4 otherwise', () => {
    const external = () => '10.1.2.3';
    expect(defaultAdvertiseHost('http://localhost:3000', external)).toBe('127.0.0.1');
    expect(defaultAdvertiseHost('http://127.0.0.1:3000', external)).toBe('127.0.0.1');
    expect(defaultAdvertiseHost('http://[::1]:3000', external)).toBe('127.0.0.1');
    expect(defaultAdvertiseHost('https://console.example.com', external)).toBe('10.1.2.3');
    expect(defaultAdvertiseHost('https://console.example.com', () => undefined)).toBe('127.0.0.1');
  });
});
