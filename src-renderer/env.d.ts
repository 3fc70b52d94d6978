/// <reference types="vite/client" />
import type { ApiClient } from '../src-shared/api/contract';

declare global {
  interface Window {
    /** Injected by the Electron preload (contextBridge); absent in web mode. */
    rgwb?: ApiClient;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
