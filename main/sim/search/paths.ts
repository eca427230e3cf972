// The path KV (or pipeline activations) takes between two placed instances, from the pools' links.
//   same pool, same node     → the node's link (NVLink / Infinity Fabric / PCIe), every GPU of the narrower
//                              instance sending its shard in parallel
//   same vendor, other node  → GPU-direct RDMA: sender NIC → receiver NIC, pipelined
//   different vendors        → the multi-vendor paper's staged path: device→host copy, network pull into the
//                              receiver's host buffer, host→device copy, each finished before the next,
//                              plus layout / block-size conversion on the host
// Host links and conversion speed are not in the inventory: PCIe Gen4 x16 (25 GB/s achieved per GPU) and a
// host-memory-bound conversion at 20 GB/s per GPU are fleetplan's assumptions (the paper does not quantify it).
import type { Placement, SearchProvider } from './types';
import type { TransferPath } from '../strategies/types';

const HOST_LINK_BPS = 25e9;
const CONVERT_BPS = 20e9;
const LINK_LATENCY_S = 5e-6;
const NIC_LATENCY_S = 15e-6;

export function nodeOf(p: SearchProvider, at: Placement): number {
  return Math.floor(at.firstGpu / Math.max(1, p.pools[at.pool].gpusPerNode));
}

export function transferPathBetween(p: SearchProvider, a: Placement, b: Placement): TransferPath {
  const pa = p.pools[a.pool];
  const pb = p.pools[b.pool];
  const lanes = Math.min(a.tp, b.tp);
  if (a.pool === b.pool && nodeOf(p, a) === nodeOf(p, b)) {
    return {
      hops: [{ name: pa.intraNode.link, bytesPerS: pa.intraNode.bandwidthGBps * 1e9 * lanes, latencyS: LINK_LATENCY_S }],
      storeAndForward: false,
      convertSPerByte: 0,
    };
  }
  const nic = (pool: typeof pa) => ({ name: pool.interNode.link, bytesPerS: pool.interNode.bandwidthGBps * 1e9 * lanes, latencyS: NIC_LATENCY_S });
  if (p.vendor(a.pool) === p.vendor(b.pool)) {
    return { hops: [nic(pa), nic(pb)], storeAndForward: false, convertSPerByte: 0 };
  }
  const net = pa.interNode.bandwidthGBps <= pb.interNode.bandwidthGBps ? nic(pa) : nic(pb);
  return {
    hops: [
      { name: 'device-to-host', bytesPerS: HOST_LINK_BPS * a.tp, latencyS: LINK_LATENCY_S },
      net,
      { name: 'host-to-device', bytesPerS: HOST_LINK_BPS * b.tp, latencyS: LINK_LATENCY_S },
    ],
    storeAndForward: true,
    convertSPerByte: 1 / (CONVERT_BPS * lanes),
  };
}
