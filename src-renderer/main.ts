/**
 * Composition root of the renderer: choose the ApiClient (Electron preload `window.rgwb`, else
 * HTTP to the serving origin with the URL token), then provide it, the router and the theme.
 */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import BootError from './BootError.vue';
import { chooseClient, provideApiClient } from './api/client';
import { createHashRouter, ROUTER_KEY } from './composables/router';
import { APP_THEME_KEY, createAppTheme } from './composables/theme';
import './styles/base.css';

const theme = createAppTheme(window);
const choice = chooseClient(window);

if (choice.client === null) {
  createApp(BootError, { message: choice.problem }).mount('#app');
} else {
  const app = createApp(App);
  provideApiClient(app, choice.client);
  app.provide(ROUTER_KEY, createHashRouter(window));
  app.provide(APP_THEME_KEY, theme);
  app.use(createPinia());
  app.mount('#app');
  document.documentElement.dataset.transport = choice.transport;
}
