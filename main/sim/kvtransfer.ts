// Moving a request's KV cache between instances: over one link inside a node, GPU-direct over the NIC, or
// staged through host memory (the multi-vendor path: D2H copy, network, H2D copy, layout conversion).
import { invalid } from '../domain/errors';
import type { GpuSpec, LinkSpec } from './hardware';
import type { Hop, TransferPath } from './strategies/types';

/**
 * Seconds to move `bytes` along `path`. Latencies add. Store-and-forward paths pay every hop's transfer
 * in turn (each staging buffer fills before the next hop starts); pipelined paths stream, so the slowest
 * hop sets the pace. Layout / block-size conversion costs `convertSPerByte` per byte on top.
 */
/**
 * kvTransferSeconds(bytes, path) = latencyS + sPerByte · bytes: the same time as an affine function of the
 * bytes, for callers that time many transfers on one path (a pipeline's activations every iteration).
 */
export function transferLine(path: TransferPath): { latencyS: number; sPerByte: number } {
  const latencyS = kvTransferSeconds(0, path);
  return { latencyS, sPerByte: kvTransferSeconds(1, path) - latencyS };
}

export function kvTransferSeconds(bytes: number, path: TransferPath): number {
  if (!(bytes >= 0)) throw invalid(`bytes must be non-negative, got ${bytes}`, { field: 'bytes' });
  let lat = 0;
  let serial = 0;
  let minBw = Infinity;
  for (const hop of path.hops) {
    lat += hop.latencyS;
    serial += bytes / hop.bytesPerS;
    if (hop.bytesPerS < minBw) minBw = hop.bytesPerS;
  }
  if (path.hops.length === 0) return bytes * path.convertSPerByte;
  return lat + (path.storeAndForward ? serial : bytes / minBw) + bytes * path.convertSPerByte;
}

/** Achieved fraction of a link's nominal bandwidth for a bulk copy (DMA engines, NCCL, RDMA). */
export const LINK_EFFICIENCY = 0.8;

export function hopOf(name: string, link: LinkSpec, efficiencyFactor = LINK_EFFICIENCY): Hop {
  return { name, bytesPerS: link.bytesPerS * efficiencyFactor, latencyS: link.latencyS };
}

/** GPU to GPU inside one node (NVLink, Infinity Fabric, HCCS, or PCIe peer-to-peer). */
export function intraNodePath(link: LinkSpec): TransferPath {
  return { hops: [hopOf(link.kind, link)], storeAndForward: false, convertSPerByte: 0 };
}

/** GPU to GPU across nodes with GPU-direct RDMA: the NIC is the only hop, the copy streams. */
export function rdmaPath(nic: LinkSpec): TransferPath {
  return { hops: [hopOf(nic.kind, nic)], storeAndForward: false, convertSPerByte: 0 };
}

/**
 * Host conversion rate when KV layouts or block sizes differ (e.g. a 16-token paged layout to a
 * 128-token one, or NHD to HND): one read + one write through host memory at ~20 GB/s effective
 * (a single-socket memcpy-class rate; fleetplan's assumption, docs/model.md).
 */
export const HOST_CONVERT_BYTES_PER_S = 20e9;

/**
 * Staged path between GPUs of different vendors (or without GPU-direct): device-to-host copy over the
 * source's PCIe, the network, host-to-device over the destination's PCIe; each stage completes before the
 * next starts. `convert` adds the layout/block-size conversion on the host.
 */
export function stagedPath(src: GpuSpec, nic: LinkSpec, dst: GpuSpec, convert: boolean): TransferPath {
  return {
    hops: [hopOf('d2h', src.host), hopOf(nic.kind, nic), hopOf('h2d', dst.host)],
    storeAndForward: true,
    convertSPerByte: convert ? 1 / HOST_CONVERT_BYTES_PER_S : 0,
  };
}

/**
 * The path KV takes from `src` to `dst`: same node -> the intra-node link; same vendor across nodes ->
 * RDMA over the NIC; different vendors -> staged through both hosts with conversion.
 */
export function kvPathBetween(src: GpuSpec, dst: GpuSpec, sameNode: boolean, nic: LinkSpec): TransferPath {
  if (src.vendor !== dst.vendor) return stagedPath(src, nic, dst, true);
  if (sameNode) return intraNodePath(src.intraNode.bytesPerS <= dst.intraNode.bytesPerS ? src.intraNode : dst.intraNode);
  return rdmaPath(nic);
}
