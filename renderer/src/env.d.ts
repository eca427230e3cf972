/// <reference types="vite/client" />
import type { Api } from '../../main/ipc/contract';
import type { PlatformApi } from '../../main/ipc/platform';

declare global {
  interface Window {
    /** Exposed by main/preload.ts in Electron; absent in a browser. */
    api?: Api;
    platform?: PlatformApi;
  }
}

export {};
