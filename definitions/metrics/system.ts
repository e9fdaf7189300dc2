// System metrics: owned by node exporter and by Prometheus itself, declared so that expressions
// on them are checked like ours (names and labels as node exporter 1.x exposes them).
import { counter, gauge } from 'totem-mon';

export const nodeCpuSeconds = counter({
  name: 'node_cpu_seconds_total',
  help: 'Seconds the CPUs spent in each mode.',
  labels: ['cpu', 'mode'],
  unit: 'seconds',
  exporter: 'node_exporter',
});

export const nodeMemoryTotal = gauge({
  name: 'node_memory_MemTotal_bytes',
  help: 'Memory information field MemTotal_bytes.',
  unit: 'bytes',
  exporter: 'node_exporter',
});

export const nodeMemoryAvailable = gauge({
  name: 'node_memory_MemAvailable_bytes',
  help: 'Memory information field MemAvailable_bytes.',
  unit: 'bytes',
  exporter: 'node_exporter',
});

export const nodeFilesystemSize = gauge({
  name: 'node_filesystem_size_bytes',
  help: 'Filesystem size in bytes.',
  labels: ['device', 'fstype', 'mountpoint'],
  unit: 'bytes',
  exporter: 'node_exporter',
});

export const nodeFilesystemAvailable = gauge({
  name: 'node_filesystem_avail_bytes',
  help: 'Filesystem space available to non-root users in bytes.',
  labels: ['device', 'fstype', 'mountpoint'],
  unit: 'bytes',
  exporter: 'node_exporter',
});

export const nodeNetworkTransmit = counter({
  name: 'node_network_transmit_bytes_total',
  help: 'Network device statistic transmit_bytes.',
  labels: ['device'],
  unit: 'bytes',
  exporter: 'node_exporter',
});

export const up = gauge({
  name: 'up',
  help: '1 if the last scrape of the target succeeded, 0 if it failed.',
  exporter: 'prometheus',
});

// The blackbox exporter's answer for the health checks (definitions/health.ts), per probe.
export const probeSuccess = gauge({
  name: 'probe_success',
  help: 'Displays whether or not the probe was a success',
  exporter: 'blackbox_exporter',
});

export const probeDuration = gauge({
  name: 'probe_duration_seconds',
  help: 'Returns how long the probe took to complete in seconds',
  unit: 'seconds',
  exporter: 'blackbox_exporter',
});
